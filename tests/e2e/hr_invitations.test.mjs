// HR's open invitations in the console: the warning before inviting an
// address the employer already invited, the invitation link, resend (a new
// link, the old one dead), revoke after a confirmation; and changing the
// console password.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {callAs, consoleSession, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

async function linkCode(page) {
  const link = (await page.locator('code.secret-link').textContent()).trim();
  const m = /\/join\/([A-Za-z0-9_-]+)$/.exec(link);
  assert.ok(m, link);
  return m[1];
}

test('HR is warned about an open invitation and gets an invitation link', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation',
               {role: 'ROLE_NEWCOMER', email: 'twice@example.org', displayName: 'Lena Kowalski'});
  await signIn(page, server, server.account('hr'));
  await page.goto(`${server.url}/#/invite`);
  const email = page.getByLabel(/^E-mail address/);
  await email.fill('twice@example.org');
  await email.blur();
  await page.getByRole('status').filter({hasText: 'Lena Kowalski was already invited'}).waitFor();
  await email.fill('hr@kanaal-photonics.example');
  await email.blur();
  await page.getByRole('status').filter({hasText: 'A member of your organisation already uses'})
      .waitFor();
  await email.fill('amara.okafor@example.org');
  await page.getByLabel(/^Name/).fill('Amara Okafor');
  await page.getByLabel('Arrival in the Netherlands').fill('2026-12-01');
  await page.getByLabel('First working day').fill('2026-12-07');
  await page.getByRole('button', {name: 'Create invitation'}).click();
  await page.getByRole('heading', {name: 'Invitation for Amara Okafor created.'}).waitFor();
  const code = await linkCode(page);
  assert.equal(code, (await page.locator('code.secret').textContent()).trim());
  await screenshot(page, 'hr-invitation-link');
  assert.deepEqual(browser.problems, []);
});

test('HR resends an invitation (the old link stops working) and revokes another', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const first = await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation',
      {role: 'ROLE_NEWCOMER', email: 'resend.me@example.org', displayName: 'Tomás Silva'});
  await page.goto(`${server.url}/#/invitations`);
  await page.getByRole('heading', {name: 'Open invitations'}).waitFor();
  const row = page.getByRole('row').filter({hasText: 'Tomás Silva'});
  await row.waitFor();
  await screenshot(page, 'hr-open-invitations');
  await row.getByRole('button', {name: 'Resend'}).click();
  await page.getByRole('heading', {name: 'Invitation for Tomás Silva created.'}).waitFor();
  const fresh = await linkCode(page);
  assert.notEqual(fresh, first.invitation.code);
  await assert.rejects(callAs(server, null, 'IdentityService/GetInvitation',
                              {code: first.invitation.code}), /not_found/);
  await callAs(server, null, 'IdentityService/GetInvitation', {code: fresh});

  await page.goto(`${server.url}/#/invitations?after=resend`);
  const again = page.getByRole('row').filter({hasText: 'Tomás Silva'});
  page.once('dialog', (d) => d.accept());
  await again.getByRole('button', {name: 'Revoke'}).click();
  await page.getByText('Invitation for Tomás Silva revoked.').waitFor();
  await page.getByRole('row').filter({hasText: 'Tomás Silva'}).waitFor({state: 'detached'});
  await assert.rejects(callAs(server, null, 'IdentityService/AcceptInvitation',
                              {code: fresh, password: 'a good long password'}), /withdrawn/);
  assert.deepEqual(browser.problems, []);
});

test('HR changes the console password', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  await page.goto(`${server.url}/#/password`);
  await page.getByLabel('Current password').fill(hr.password);
  await page.getByLabel('New password').fill('the new hr password 2026');
  await page.getByLabel('The same password again').fill('the new hr password 2026');
  await page.getByRole('button', {name: 'Change password'}).click();
  await page.getByText('Password changed').waitFor();
  await callAs(server, {email: hr.email, password: 'the new hr password 2026'},
               'IdentityService/WhoAmI', {});
  await assert.rejects(callAs(server, hr, 'IdentityService/WhoAmI', {}));
  assert.deepEqual(browser.problems, []);
});
