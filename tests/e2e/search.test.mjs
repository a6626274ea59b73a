// The console's search as you type, for HR and the advisor, on a desktop and
// a phone: results come from the server's `query` filter, stay within what
// the role may see, and open the journey or the members page.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, consoleSession, PHONE, screenshot,
        signIn} from './harness.mjs';

const ctx = consoleSession();

async function journeysOf(server, account) {
  return (await callAs(server, account, 'JourneyService/ListJourneys',
                       {pageSize: 500})).journeys;
}

test('HR types part of a name and opens the newcomer’s journey', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  await signIn(page, server, hr);
  const [first] = await journeysOf(server, hr);
  const last = first.newcomerName.split(' ').pop();
  const search = page.getByRole('searchbox', {name: 'Search'});
  await search.fill(last.slice(0, 4).toLowerCase());
  const results = page.locator('#search-results');
  const link = results.getByRole('link', {name: new RegExp(first.newcomerName)});
  await link.waitFor();
  await screenshot(page, 'search-hr');
  await link.click();
  await page.getByRole('heading', {name: `Journey of ${first.newcomerName}`}).waitFor();
  assert.equal(await results.isVisible(), false);
  assert.deepEqual(browser.problems, []);
});

test('HR does not find the other employer’s newcomers; members are found by e-mail',
     async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const mine = new Set((await journeysOf(server, server.account('hr'))).map((j) => j.id));
  const other = (await journeysOf(server, server.account('hr', 1)))
      .find((j) => !mine.has(j.id));
  const search = page.getByRole('searchbox', {name: 'Search'});
  await search.fill(other.newcomerName);
  const results = page.locator('#search-results');
  await results.getByText(/Nothing found for/).waitFor();
  await search.fill(server.account('hr').email);
  await results.getByRole('link', {name: new RegExp(server.account('hr').email)}).first().click();
  await page.getByRole('cell', {name: server.account('hr').email}).waitFor();
  assert.equal(await page.locator('table.data tbody tr').count(), 1);
  assert.deepEqual(browser.problems, []);
});

test('the advisor finds consented newcomers by employer, on a phone', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('button', {name: 'Sign out'}).click();
  await page.setViewportSize(PHONE);
  const advisor = server.account('advisor');
  await signIn(page, server, advisor);
  const journeys = await journeysOf(server, advisor);
  const orgs = (await callAs(server, advisor, 'IdentityService/ListOrganizations',
                             {pageSize: 500})).organizations;
  const employer = orgs.find((o) => o.id === journeys[0].employerOrgId).name;
  const word = employer.split(' ')[0];
  const expected = journeys.filter((j) =>
    orgs.find((o) => o.id === j.employerOrgId).name.includes(word));
  await page.getByRole('searchbox', {name: 'Search'}).fill(word);
  const results = page.locator('#search-results');
  await results.getByRole('link', {name: new RegExp(expected[0].newcomerName)}).waitFor();
  // At most six newcomers, each one of the advisor's consented caseload.
  const hrefs = await results.locator('section').first().getByRole('link')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  assert.ok(hrefs.length >= 1 && hrefs.length <= 6, `${hrefs.length} results`);
  const caseload = new Set(journeys.map((j) => `#/journeys/${encodeURIComponent(j.id)}`));
  for (const href of hrefs) assert.ok(caseload.has(href), href);
  await assertNoHorizontalOverflow(page, 'search on a phone');
  await screenshot(page, 'search-advisor-phone');
  await page.keyboard.press('Escape');
  assert.equal(await results.isVisible(), false);
  assert.deepEqual(browser.problems, []);
});
