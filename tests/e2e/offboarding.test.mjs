// Offboarding in the console: HR deactivates a colleague who left, after a
// confirmation; the colleague is signed out at once and gone from the list.
// The members page fits a phone.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, consoleSession, signIn} from './harness.mjs';

const ctx = consoleSession();
const LEAVER = {email: 'lotte.leaves@example.org', password: 'a good long password'};

test('HR deactivates a colleague who left the company', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  const inv = await callAs(server, server.account('admin'), 'IdentityService/CreateInvitation',
                           {organizationId: hr.orgId, role: 'ROLE_HR', email: LEAVER.email,
                            displayName: 'Lotte Vertrek'});
  const accepted = await callAs(server, null, 'IdentityService/AcceptInvitation',
                                {code: inv.invitation.code, password: LEAVER.password});
  const leaver = {token: accepted.session.token};
  await callAs(server, leaver, 'IdentityService/WhoAmI', {});

  await signIn(page, server, hr);
  await page.goto(`${server.url}/#/members`);
  const row = page.getByRole('row', {name: /Lotte Vertrek/});
  await row.getByRole('button', {name: 'Deactivate'}).click();
  const dialog = page.getByRole('dialog', {name: 'Deactivate Lotte Vertrek?'});
  await dialog.getByRole('button', {name: 'Go back'}).click();
  await callAs(server, leaver, 'IdentityService/WhoAmI', {});  // still in
  await row.getByRole('button', {name: 'Deactivate'}).click();
  await dialog.getByRole('button', {name: 'Deactivate'}).click();
  await page.getByText('Lotte Vertrek is deactivated.').waitFor();
  await page.getByRole('row', {name: /Lotte Vertrek/}).waitFor({state: 'detached'});
  await assert.rejects(callAs(server, leaver, 'IdentityService/WhoAmI', {}), /unauthenticated/);
  await assert.rejects(callAs(server, LEAVER, 'IdentityService/WhoAmI', {}), /unauthenticated/);
  // The own row has no Deactivate button.
  const own = page.getByRole('row', {name: new RegExp(hr.email)});
  assert.equal(await own.getByRole('button', {name: 'Deactivate'}).count(), 0);
  await page.setViewportSize({width: 390, height: 844});
  await assertNoHorizontalOverflow(page, 'members page with actions');
  assert.deepEqual(browser.problems, []);
});
