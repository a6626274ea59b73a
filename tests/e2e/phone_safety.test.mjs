// Phones and safety in the console: every page of both console roles fits
// a 390 px wide screen without scrolling sideways (tables become cards),
// "Sign out" only shows when signed in, event times are Amsterdam time in a
// browser set to another zone, and final actions ask first.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {callAs, consoleSession, overflow, screenshot, signIn, startBrowser} from './harness.mjs';

const ctx = consoleSession();
const PHONE = {width: 390, height: 844};

// Every page a role reaches from its navigation, plus one journey.
async function checkEveryPage(page, server, role, pages) {
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/#/newcomers`);
  const first = page.locator('a[href^="#/journeys/"]').first();
  await first.waitFor();
  const journey = await first.getAttribute('href');
  for (const [hash, ready] of [...pages, [journey, /^Journey of /]]) {
    await page.goto(`${server.url}/${hash}`);
    await page.getByRole('heading', {name: ready}).first().waitFor();
    await page.locator('.loading').waitFor({state: 'detached'});
    const {extra, wide} = await overflow(page);
    assert.equal(extra, 0, `${role} ${hash} is ${extra}px wider than 390px: ${wide.join(', ')}`);
    const name = hash.startsWith('#/journeys/') ? 'journey' : hash.slice(2);
    await screenshot(page, `phone-${role}-${name}`);
  }
  await page.setViewportSize({width: 1280, height: 860});
}

test('signed out, there is no "Sign out"; the login page fits a phone', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/#/login`);
  await page.getByLabel(/E-mail address/).waitFor();
  assert.equal(await page.getByRole('button', {name: 'Sign out'}).isVisible(), false);
  assert.equal((await overflow(page)).extra, 0);
  await page.setViewportSize({width: 1280, height: 860});
});

test('every HR page fits 390 px', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('hr'));
  await checkEveryPage(page, server, 'hr', [
    ['#/newcomers', 'Newcomers'], ['#/events', 'Events'],
    ['#/template', 'Company template'], ['#/members', /^Members of/],
    ['#/invite', 'Invite someone']]);
  // Tables are cards on a phone: each value carries its column's name.
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/#/newcomers`);
  const cell = page.locator('table.data tbody td.num').first();
  await cell.waitFor();
  assert.equal(await cell.getAttribute('data-label'), 'Days since arrival');
  assert.equal(await cell.evaluate((el) => getComputedStyle(el).display), 'block');
  await page.setViewportSize({width: 1280, height: 860});
  assert.deepEqual(browser.problems, []);
});

test('HR is asked before removing a company step', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/#/template`);
  await page.getByLabel('Title (English)').fill('Laptop and badge');
  await page.getByLabel('Title (Dutch)').fill('Laptop en pasje');
  await page.getByRole('button', {name: 'Add step'}).click();
  const item = page.getByRole('listitem').filter({hasText: 'Laptop and badge'});
  await item.waitFor();
  await page.getByRole('button', {name: 'Remove “Laptop and badge”'}).click();
  const ask = page.getByRole('dialog', {name: 'Remove “Laptop and badge”?'});
  await ask.getByRole('button', {name: 'Go back'}).click();
  assert.equal(await item.count(), 1);
  await page.getByRole('button', {name: 'Remove “Laptop and badge”'}).click();
  await ask.getByRole('button', {name: 'Remove the step'}).click();
  await item.waitFor({state: 'detached'});
  // The removal is an unsaved edit: leaving the page asks first.
  await page.getByRole('link', {name: 'Members'}).click();
  await page.getByRole('dialog', {name: 'Leave this page?'})
      .getByRole('button', {name: 'Leave without saving'}).click();
  await page.getByRole('heading', {name: /^Members of/}).waitFor();
  assert.deepEqual(browser.problems, []);
});

test('every advisor page fits 390 px', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('button', {name: 'Sign out'}).click();
  await page.getByLabel(/E-mail address/).waitFor();
  assert.equal(await page.getByRole('button', {name: 'Sign out'}).isVisible(), false);
  await signIn(page, server, server.account('advisor'));
  await checkEveryPage(page, server, 'advisor', [
    ['#/newcomers', 'Caseload'], ['#/kpis', 'Talent Observatory'], ['#/events', 'Events'],
    ['#/buddies', 'Buddy matching'], ['#/classes', 'Dutch classes'],
    ['#/members', /^Members of/], ['#/invite', 'Invite someone']]);
  assert.deepEqual(browser.problems, []);
});

test('in a browser set to New York, event times are entered and shown in Amsterdam time',
     async () => {
  const {server} = ctx;
  const other = await startBrowser({timezoneId: 'America/New_York'});
  try {
    const {page} = other;
    assert.equal(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone),
                 'America/New_York');
    await signIn(page, server, server.account('advisor'));
    await page.goto(`${server.url}/#/events`);
    await page.getByLabel('Title (English)').fill('Winter walk');
    await page.getByLabel('Title (Dutch)').fill('Winterwandeling');
    // 15 January: Amsterdam is UTC+1 (CET), New York UTC-5.
    await page.getByLabel('Starts').fill('2030-01-15T19:00');
    await page.getByLabel('Ends').fill('2030-01-15T21:00');
    await page.getByLabel('Venue').fill('Rijksmuseum Twenthe');
    await page.getByRole('button', {name: 'Publish event'}).click();
    const row = page.getByRole('row').filter({hasText: 'Winter walk'});
    await row.waitFor();
    assert.match(await row.textContent(), /19:00/);
    const events = (await callAs(server, server.account('advisor'),
                                 'EventService/ListEvents', {pageSize: 200})).events;
    const walk = events.find((e) => e.title.en === 'Winter walk');
    assert.equal(walk.startTime, '2030-01-15T18:00:00Z');
    // Cancelling is final: asked first, "Go back" keeps the event.
    await row.getByRole('button', {name: 'Cancel “Winter walk”'}).click();
    const ask = page.getByRole('dialog', {name: 'Cancel “Winter walk”?'});
    await ask.getByRole('button', {name: 'Go back'}).click();
    assert.equal(await row.count(), 1);
    await row.getByRole('button', {name: 'Cancel “Winter walk”'}).click();
    await ask.getByRole('button', {name: 'Cancel the event'}).click();
    await row.waitFor({state: 'detached'});
    assert.deepEqual(other.problems, []);
  } finally {
    await other.stop();
  }
});
