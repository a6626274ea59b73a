// An Expat Center advisor in the console: the regional caseload with its
// filters, and a journey opened from it.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {consoleSession, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

// The "n of total newcomers" line, as numbers ({shown: 0} when none match).
async function counted(page) {
  const status = page.getByRole('status').filter({hasText: /newcomers|No newcomer/});
  await status.waitFor();
  const m = /(\d+) of (\d+)/.exec(await status.textContent());
  return m ? {shown: +m[1], total: +m[2]} : {shown: 0};
}

test('the advisor lands on Today and opens the regional caseload', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('advisor'));
  await page.getByRole('heading', {name: 'Today', exact: true}).waitFor();
  await page.getByRole('link', {name: 'Newcomers'}).click();
  await page.getByRole('heading', {name: 'Regional caseload'}).waitFor();
  const {shown, total} = await counted(page);
  assert.ok(total >= 1 && shown === total, `${shown} of ${total}`);
  await screenshot(page, 'advisor-caseload');
  assert.deepEqual(browser.problems, []);
});

test('filters narrow the caseload and are kept in the address', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const all = (await counted(page)).total;
  await page.getByLabel('Municipality').selectOption('enschede');
  await page.waitForURL(/municipality=enschede/);
  const inEnschede = await counted(page);
  assert.ok(inEnschede.shown >= 1 && inEnschede.shown <= all);
  for (const cell of await page.locator('tbody tr td:nth-child(3)').all()) {
    assert.equal(await cell.textContent(), 'Enschede');
  }
  await page.getByLabel('Overdue legal step').check();
  await page.waitForURL(/legal=1/);
  const legal = await counted(page);
  assert.ok(legal.shown <= inEnschede.shown);
  await screenshot(page, 'advisor-caseload-filtered');
  // Back to everything with the keyboard.
  await page.getByLabel('Overdue legal step').focus();
  await page.keyboard.press('Space');
  await page.waitForURL((url) => !/legal=1/.test(url.hash));
  // The keyboard focus stays on the filter that changed.
  await page.waitForFunction(() => document.activeElement?.name === 'legal');
  await page.getByLabel('Municipality').selectOption('');
  await page.waitForURL((url) => !/municipality/.test(url.hash));
  assert.equal((await counted(page)).shown, all);
  assert.deepEqual(browser.problems, []);
});

test('the advisor opens a consented journey from the caseload', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('row').getByRole('link').first().click();
  await page.getByRole('heading', {name: /^Journey of /}).waitFor();
  // Advisors may tick any open step.
  assert.ok(await page.getByRole('button', {name: /^Mark .* done$/}).count() > 0);
  assert.deepEqual(browser.problems, []);
});

test('the advisor opens the Observatory, compares municipalities and downloads the CSV', async () => {
  const {browser} = ctx;
  const {page} = browser;
  await page.getByRole('link', {name: 'Observatory'}).click();
  await page.getByRole('heading', {name: 'Talent Observatory'}).waitFor();
  await page.getByText(/Figures about fewer than 5 newcomers are hidden/).waitFor();
  for (const title of ['Days from arrival to BSN', 'Buddy within 14 days of arrival',
                       'Steps done by day 30, 60 and 90', 'Overdue rate per step']) {
    await page.getByRole('img', {name: new RegExp(`^${title}\\.`)}).waitFor();
  }
  await screenshot(page, 'advisor-kpis');
  await page.getByLabel('Compare by').selectOption('KPI_CUT_MUNICIPALITY');
  await page.waitForURL(/cut=KPI_CUT_MUNICIPALITY/);
  const groups = page.getByRole('img', {name: /^Newcomers per group\./});
  await groups.waitFor();
  // Every municipality with demo newcomers is listed; small ones say so.
  assert.match(await groups.getAttribute('aria-label'), /Enschede: (\d+|fewer than 5)/);
  await screenshot(page, 'advisor-kpis-municipality');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download CSV'}).click(),
  ]);
  assert.match(download.suggestedFilename(), /^welkom-kpis-municipality-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(csv).toString('utf8');
  assert.match(text, /^group,label,newcomers,figure,value,numerator,denominator,note\r\n/);
  assert.deepEqual(browser.problems, []);
});

test('the advisor publishes an event, sees it listed and cancels it', async () => {
  const {browser} = ctx;
  const {page} = browser;
  await page.getByRole('link', {name: 'Events'}).click();
  await page.getByRole('heading', {name: 'Events', exact: true}).waitFor();
  await page.getByLabel('Title (English)').fill('Board game night');
  await page.getByLabel('Title (Dutch)').fill('Spelletjesavond');
  // Ends before it starts: the server's message is shown.
  await page.getByLabel('Starts').fill('2030-05-14T19:00');
  await page.getByLabel('Ends').fill('2030-05-14T18:00');
  await page.getByLabel('Venue').fill('Bibliotheek, Pijpenstraat 15');
  await page.getByLabel('Municipality').selectOption('hengelo');
  await page.getByRole('button', {name: 'Publish event'}).click();
  await page.getByRole('alert').filter({hasText: /end_time/}).waitFor();
  await page.getByLabel('Ends').fill('2030-05-14T22:00');
  await page.getByRole('button', {name: 'Publish event'}).click();
  const row = page.getByRole('row').filter({hasText: 'Board game night'});
  await row.waitFor();
  assert.match(await row.textContent(), /Hengelo/);
  assert.match(await row.textContent(), /0 \/ 20/);
  await screenshot(page, 'advisor-events');
  await row.getByRole('button', {name: 'Cancel “Board game night”'}).click();
  await page.getByRole('dialog', {name: 'Cancel “Board game night”?'})
      .getByRole('button', {name: 'Cancel the event'}).click();
  // Cancelled events leave the list of upcoming ones.
  await page.getByRole('row').filter({hasText: 'Board game night'}).waitFor({state: 'detached'});
  assert.deepEqual(browser.problems, []);
});
