// HR staff in the console: sign in, see the organisation, invite a
// newcomer, and be sent back to login when the session ends.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {consoleSession, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();
const DEMO_NEWCOMER = 'Priya Raman';

test('HR signs in with the keyboard and sees the members of the employer', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('hr'));
  await page.goto(`${server.url}/#/members`);
  await page.getByRole('heading', {name: /Members of Kanaal Photonics/}).waitFor();
  await page.getByRole('cell', {name: 'hr@kanaal-photonics.example'}).waitFor();
  await screenshot(page, 'hr-members');
  assert.deepEqual(browser.problems, []);
});

test('HR invites a newcomer and gets the code once', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/#/invite`);
  await page.getByLabel(/^E-mail address/).fill('mei.chen@example.org');
  await page.getByLabel(/^Name/).fill('Mei Chen');
  await page.getByLabel('Arrival in the Netherlands').fill('2026-12-01');
  await page.getByLabel('First working day').fill('2026-12-07');
  await page.getByLabel('New home municipality').selectOption('hengelo');
  await page.getByLabel('Ages of children coming along').fill('4, 9');
  await page.getByLabel('Comes with a partner').check();
  await page.getByRole('button', {name: 'Create invitation'}).click();
  await page.getByRole('heading', {name: 'Invitation for Mei Chen created.'}).waitFor();
  const code = (await page.locator('code.secret').textContent()).trim();
  assert.match(code, /^[A-Za-z0-9_-]{40,}$/);
  await screenshot(page, 'hr-invitation-created');
  assert.deepEqual(browser.problems, []);
});

test('the form shows the server message when the address is taken', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('link', {name: 'Invite another person'}).click();
  await page.getByLabel(/^E-mail address/).fill('hr@kanaal-photonics.example');
  await page.getByLabel(/^Name/).fill('Someone Else');
  await page.getByLabel('Arrival in the Netherlands').fill('2026-12-01');
  await page.getByLabel('First working day').fill('2026-12-07');
  await page.getByRole('button', {name: 'Create invitation'}).click();
  await page.getByRole('alert').filter({hasText: 'an account with this address exists'})
      .waitFor();
  // The refused form still holds the typing: leaving asks first.
  await page.getByRole('link', {name: 'Members'}).click();
  const dialog = page.getByRole('dialog', {name: 'Leave this page?'});
  await dialog.getByRole('button', {name: 'Go back'}).click();
  assert.equal(await page.getByLabel(/^Name/).inputValue(), 'Someone Else');
  assert.match(page.url(), /#\/invite/);
  await page.getByRole('link', {name: 'Members'}).click();
  await dialog.getByRole('button', {name: 'Leave without saving'}).click();
  await page.getByRole('heading', {name: /Members of/}).waitFor();
});

test('the language switch shows the console in Dutch', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/#/members`);
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('heading', {name: /Leden van Kanaal Photonics/}).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('heading', {name: /Members of/}).waitFor();
});

test('HR sees its newcomers with progress, overdue badges and days since arrival', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/#/newcomers`);
  await page.getByRole('heading', {name: 'Newcomers'}).waitFor();
  // The demo newcomer arrived 21 days ago and has one step overdue.
  const row = page.getByRole('row').filter({has: page.getByRole('link', {name: DEMO_NEWCOMER})});
  await row.waitFor();
  assert.match(await row.textContent(), /overdue/);
  const bar = row.getByRole('progressbar');
  const percent = Number(await bar.getAttribute('aria-valuenow'));
  assert.ok(percent > 0 && percent < 100, `progress ${percent}`);
  assert.match(await row.locator('td.num').textContent(), /^21$/);
  await screenshot(page, 'hr-newcomers');
  assert.deepEqual(browser.problems, []);
});

test('HR opens a journey timeline and marks an HR step done', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/#/newcomers`);
  await page.getByRole('link', {name: DEMO_NEWCOMER}).click();
  await page.getByRole('heading', {name: /^Journey of /}).waitFor();
  await page.locator('ol.timeline li').first().waitFor();
  await screenshot(page, 'hr-journey');
  // HR may tick only HR-owned steps: the 30% ruling is one, still open.
  const step = page.locator('li[data-step="thirty_percent_ruling"]');
  await step.getByRole('button', {name: /^Mark .* done$/}).click();
  // A legal step is final: the console asks first, and "Go back" changes nothing.
  const ask = page.getByRole('dialog', {name: /^Mark .* done\?$/});
  await ask.getByRole('button', {name: 'Go back'}).click();
  assert.equal(await step.getByText('Done', {exact: true}).count(), 0);
  await step.getByRole('button', {name: /^Mark .* done$/}).click();
  await ask.getByRole('button', {name: 'Yes, it is done'}).click();
  await step.getByText('Done', {exact: true}).waitFor();
  await page.getByRole('status').filter({hasText: 'is done.'}).waitFor();
  // A newcomer's own step has no button for HR.
  assert.equal(await page.locator('li[data-step="bank_account"] button').count(), 0);
  const after = await page.reload().then(() =>
      page.locator('li[data-step="thirty_percent_ruling"]').getByText('Done', {exact: true})
          .waitFor());
  assert.equal(after, undefined);
  await screenshot(page, 'hr-journey-step-done');
  assert.deepEqual(browser.problems, []);
});

test('an ended session returns to the login page', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  // End the session behind the console's back, as expiry would.
  const token = await page.evaluate(
      () => JSON.parse(sessionStorage.getItem('welkom.session')).token);
  const resp = await fetch(`${server.url}/welkom.v1.IdentityService/Logout`, {
    method: 'POST',
    headers: {'Content-Type': 'application/json', Authorization: `Bearer ${token}`},
    body: '{}',
  });
  assert.equal(resp.status, 200);
  await page.goto(`${server.url}/#/members?again=1`);
  await page.getByText('Your session has ended. Please sign in again.').first().waitFor();
  await page.getByLabel(/E-mail address/).waitFor();
  assert.match(page.url(), /#\/login/);
});
