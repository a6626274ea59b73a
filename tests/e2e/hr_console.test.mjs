// HR staff in the console: sign in, see the organisation, invite a
// newcomer, and be sent back to login when the session ends.
import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {screenshot, signIn, startBrowser, startWelkomd} from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startWelkomd();
  browser = await startBrowser();
});

after(async () => {
  await browser?.stop();
  await server?.stop();
});

test('HR signs in with the keyboard and sees the members of the employer', async () => {
  const {page} = browser;
  await signIn(page, server, server.account('hr'));
  await page.goto(`${server.url}/#/members`);
  await page.getByRole('heading', {name: /Members of Kanaal Photonics/}).waitFor();
  await page.getByRole('cell', {name: 'hr@kanaal-photonics.example'}).waitFor();
  await screenshot(page, 'hr-members');
  assert.deepEqual(browser.problems, []);
});

test('HR invites a newcomer and gets the code once', async () => {
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
  const {page} = browser;
  await page.getByRole('link', {name: 'Invite another person'}).click();
  await page.getByLabel(/^E-mail address/).fill('hr@kanaal-photonics.example');
  await page.getByLabel(/^Name/).fill('Someone Else');
  await page.getByLabel('Arrival in the Netherlands').fill('2026-12-01');
  await page.getByLabel('First working day').fill('2026-12-07');
  await page.getByRole('button', {name: 'Create invitation'}).click();
  await page.getByRole('alert').filter({hasText: 'an account with this address exists'})
      .waitFor();
});

test('the language switch shows the console in Dutch', async () => {
  const {page} = browser;
  await page.goto(`${server.url}/#/members`);
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('heading', {name: /Leden van Kanaal Photonics/}).waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.getByLabel('Taal').selectOption('en');
  await page.getByRole('heading', {name: /Members of/}).waitFor();
});

test('an ended session returns to the login page', async () => {
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
