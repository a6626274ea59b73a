// Today, the landing page of HR and advisors: what needs them now, most
// urgent first, each line naming its newcomer and opening the journey at
// that step. Compared with what the same account's API calls answer (the
// server's overdue rule and policy), in English and Dutch, desktop and
// phone (screenshots today-<role>-<lang>-<desktop|phone>).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {callAs, consoleSession, overflow, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

async function overdueAs(server, account) {
  const resp = await callAs(server, account, 'JourneyService/ListOverdue', {pageSize: 500});
  return resp.steps || [];
}

async function screenshots(page, role) {
  for (const lang of ['en', 'nl']) {
    await page.getByRole('combobox', {name: /Language|Taal/}).selectOption(lang);
    await page.getByRole('heading', {name: lang === 'nl' ? 'Vandaag' : 'Today', exact: true})
        .waitFor();
    await screenshot(page, `today-${role}-${lang}-desktop`);
    await page.setViewportSize({width: 390, height: 844});
    assert.equal((await overflow(page)).extra, 0, `${role} Today (${lang}) fits 390 px`);
    await screenshot(page, `today-${role}-${lang}-phone`);
    await page.setViewportSize({width: 1280, height: 860});
  }
  await page.getByRole('combobox', {name: /Language|Taal/}).selectOption('en');
}

test('HR lands on Today: overdue legal steps most overdue first, each opening its step',
     async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  await signIn(page, server, hr);
  assert.match(page.url(), /#\/today$/);
  await page.getByRole('heading', {name: 'Today', exact: true}).waitFor();
  const legal = (await overdueAs(server, hr)).filter((s) => s.step.legal)
      .sort((a, b) => b.step.daysOverdue - a.step.daysOverdue);
  const section = page.getByRole('region', {name: /^Overdue legal steps/});
  if (legal.length === 0) {
    assert.equal(await section.count(), 0);
  } else {
    const lines = section.getByRole('listitem');
    assert.equal(await lines.count(), legal.length);
    const first = lines.first();
    const text = await first.textContent();
    assert.ok(text.includes(legal[0].newcomerName), text);
    assert.match(text, new RegExp(`${legal[0].step.daysOverdue} days? overdue`));
  }
  // Every line of the page names a newcomer of this employer and opens a journey.
  const journeys = (await callAs(server, hr, 'JourneyService/ListJourneys', {pageSize: 500}))
      .journeys;
  const names = journeys.map((j) => j.newcomerName);
  const links = page.locator('ul.today-list a');
  assert.ok(await links.count() > 0, 'the demo HR account has something to do');
  for (const link of await links.all()) {
    const text = await link.textContent();
    assert.ok(names.some((n) => text.includes(n)), `names a newcomer: ${text}`);
    assert.match(await link.getAttribute('href'), /^#\/journeys\//);
  }
  await screenshots(page, 'hr');
  // A line opens the journey with that step marked and in view.
  const overdueLine = page.locator('ul.today-list a[href*="?step="]').first();
  const href = await overdueLine.getAttribute('href');
  const stepKey = decodeURIComponent(href.split('?step=')[1]);
  await overdueLine.click();
  await page.getByRole('heading', {name: /^Journey of /}).waitFor();
  const step = page.locator(`li[data-step="${stepKey}"]`);
  await step.and(page.locator('.focused')).waitFor();
  assert.equal(await step.evaluate((el) => el === document.activeElement), true);
  assert.deepEqual(browser.problems, []);
});

test('the advisor\'s Today lists low check-ins and buddy proposals of the caseload',
     async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('button', {name: 'Sign out'}).click();
  const advisor = server.account('advisor');
  await signIn(page, server, advisor);
  await page.getByRole('heading', {name: 'Today', exact: true}).waitFor();
  const journeys = (await callAs(server, advisor, 'JourneyService/ListJourneys',
                                 {pageSize: 500})).journeys;
  const flagged = journeys.filter((j) => j.flagged);
  const checkins = page.getByRole('region', {name: /^Low check-in scores/});
  assert.equal(await checkins.getByRole('listitem').count(), flagged.length);
  for (const j of flagged) await checkins.getByText(j.newcomerName).waitFor();
  const proposed = (await callAs(server, advisor, 'BuddyService/ListMatches',
                                 {state: 'MATCH_STATE_PROPOSED', pageSize: 500})).matches || [];
  const proposals = page.getByRole('region', {name: /^Buddy proposals/});
  assert.equal(await proposals.getByRole('listitem').count(), proposed.length);
  await screenshots(page, 'advisor');
  assert.deepEqual(browser.problems, []);
});
