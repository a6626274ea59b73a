// HR imports new hires from a CSV file in the console: the preview shows
// every row with its errors (row and column as the file names them, in the
// console's language), confirming invites the valid rows, the newcomers are
// listed among the invitations, and the same file again invites nobody; on
// a phone the preview's table becomes cards that fit 390 px.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, consoleSession, PHONE, screenshot,
        signIn} from './harness.mjs';

const ctx = consoleSession();

// As Dutch Excel saves it: a byte order mark, ";" between fields, a quoted
// field; one row with a date that does not exist, one already invited.
const FILE = '\uFEFFName;E-mail;Arrival date;Start date;Municipality;Household;EU;Permit type;Language\r\n' +
    '"Okafor, Amara";amara.okafor@example.org;1-3-2027;8-3-2027;Enschede;partner;no;knowledge migrant;en\r\n' +
    'Jonas Berg;jonas.berg@example.org;2027-03-02;2027-03-09;Hengelo;single;yes;none;nl\r\n' +
    'Mei Chen;mei.chen@example.org;2027-03-01;31-02-2027;Almelo;;no;knowledge migrant;en\r\n' +
    'Lena Kowalski;lena.import@example.org;2027-03-01;2027-03-08;Borne;;yes;;en\r\n';

async function choose(page) {
  await page.getByLabel(/^(CSV file|CSV-bestand)/).setInputFiles(
      {name: 'new-hires.csv', mimeType: 'text/csv', buffer: Buffer.from(FILE)});
}

test('HR previews a file with a bad row, imports the rest and sees them listed', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation',
               {role: 'ROLE_NEWCOMER', email: 'lena.import@example.org',
                displayName: 'Lena Kowalski'});
  await signIn(page, server, server.account('hr'));
  await page.getByRole('link', {name: 'Import new hires'}).click();
  await page.getByRole('heading', {name: 'Import new hires'}).waitFor();
  await choose(page);
  await page.getByText('2 to invite, 1 already there, 1 with errors').waitFor();
  const bad = page.getByRole('row').filter({hasText: 'Mei Chen'});
  await bad.getByText('Start date: is not a date').waitFor();
  await bad.getByText('not invited').waitFor();
  assert.match(await bad.textContent(), /^4/);  // spreadsheet row 4
  await page.getByRole('row').filter({hasText: 'Lena Kowalski'})
      .getByText('already invited').waitFor();
  await screenshot(page, 'hr-import-preview');

  await page.getByRole('button', {name: 'Invite 2 new hires'}).click();
  await page.getByText('2 invited, 1 already there, 1 with errors').waitFor();
  await page.getByRole('link', {name: 'See the invitations'}).click();
  await page.getByRole('heading', {name: 'Open invitations'}).waitFor();
  await page.getByRole('row').filter({hasText: 'Okafor, Amara'}).waitFor();
  await page.getByRole('row').filter({hasText: 'Jonas Berg'}).waitFor();
  assert.equal(await page.getByRole('row').filter({hasText: 'Mei Chen'}).count(), 0);
  assert.deepEqual(browser.problems, []);
});

test('The same file again invites nobody; in Dutch on a phone the rows are cards', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.setViewportSize(PHONE);
  await page.goto(`${server.url}/#/import`);
  await page.getByRole('heading', {name: 'Import new hires'}).waitFor();
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('heading', {name: 'Nieuwe medewerkers importeren'}).waitFor();
  await choose(page);
  await page.getByText('0 uit te nodigen, 3 al bekend, 1 met fouten').waitFor();
  await page.getByText('Start date: is geen datum').waitFor();
  assert.ok(await page.getByRole('button', {name: /uitnodigen$/}).isDisabled());
  await assertNoHorizontalOverflow(page, 'import preview at 390 px');
  await screenshot(page, 'hr-import-phone-nl');
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('heading', {name: 'Import new hires'}).waitFor();
  assert.deepEqual(browser.problems, []);
});
