// The invitation link on a phone (390x844): who invites whom, the password
// policy as you type, accept, signed in; a newcomer and a buddy land in
// the app, staff in the console. Wrong and used codes show the server's
// reason in the reader's language. Every page is checked for horizontal
// overflow.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {amsterdamDateFromNow, assertNoHorizontalOverflow, callAs, phoneSession, screenshot} from './harness.mjs';

const ctx = phoneSession();

async function invite(role, inviterRole, email, displayName, extra = {}) {
  const resp = await callAs(ctx.server, ctx.server.account(inviterRole),
                            'IdentityService/CreateInvitation',
                            {role, email, displayName, ...extra});
  return resp.invitation.code;
}

test('a newcomer opens the link, sees who invites her, sets a password and lands in the app', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const code = await invite('ROLE_NEWCOMER', 'hr', 'sofia.rossi@example.org', 'Sofia Rossi', {
    newcomerProfile: {permitType: 'PERMIT_TYPE_KNOWLEDGE_MIGRANT', stayMonths: 24,
                      occupation: 'OCCUPATION_PROFESSIONAL', municipality: 'enschede',
                      arrivalDate: amsterdamDateFromNow(-3), startDate: amsterdamDateFromNow(4)},
  });
  const hr = await callAs(server, server.account('hr'), 'IdentityService/WhoAmI', {});
  await page.goto(`${server.url}/join/${code}`);
  const who = page.locator('.invite-who');
  await who.waitFor();
  assert.equal(await who.textContent(),
      `${hr.member.displayName} of ${hr.organization.name} invites you, Sofia Rossi, to Welkom as a newcomer.`);
  await assertNoHorizontalOverflow(page, 'join page');
  await screenshot(page, 'phone-join-invitation');

  // The policy follows the typing.
  const password = page.getByLabel('New password');
  await password.fill('short');
  await page.getByText('✗ At least 12 characters (5 so far)').waitFor();
  await page.getByLabel('The same password again').fill('short');
  await page.getByRole('button', {name: 'Accept and sign in'}).click();
  await page.getByRole('alert').filter({hasText: 'does not meet the rules'}).waitFor();
  await password.fill('a good long password');
  await page.getByText('✓ At least 12 characters (20 so far)').waitFor();
  await page.getByLabel('The same password again').fill('a good long password');
  await page.getByText('✓ Both entries are the same').waitFor();
  await screenshot(page, 'phone-join-password');
  await page.getByRole('button', {name: 'Accept and sign in'}).click();
  await page.waitForURL(/\/app\/#\//);
  await page.getByRole('navigation', {name: 'Main'}).waitFor();
  // Signed in: the app knows her, and the code left the address bar.
  const session = await page.evaluate(() => JSON.parse(localStorage.getItem('welkom.app.session')));
  assert.equal(session.member.email, 'sofia.rossi@example.org');
  assert.equal(session.member.role, 'ROLE_NEWCOMER');
  await assertNoHorizontalOverflow(page, 'app after joining');
  await screenshot(page, 'phone-app-first-login');

  // The same link again: used, said in Dutch for a Dutch reader.
  await page.goto(`${server.url}/join/${code}`);
  await page.getByRole('alert').filter({hasText: 'already used'}).waitFor();
  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('alert').filter({hasText: 'Deze uitnodiging is al gebruikt'}).waitFor();
  await assertNoHorizontalOverflow(page, 'used invitation');
  await screenshot(page, 'phone-join-used-nl');
  await page.getByLabel('Taal').selectOption('en');
  assert.deepEqual(browser.problems, []);
});

test('a wrong code says so and nothing is created', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/join/not-a-real-code`);
  await page.getByRole('alert').filter({hasText: 'no invitation has this code'}).waitFor();
  await assertNoHorizontalOverflow(page, 'wrong code');
  assert.deepEqual(browser.problems, []);
});

test('a buddy lands in the app, an advisor in the console', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const buddyCode = await invite('ROLE_BUDDY', 'advisor', 'ruud.buddy@example.org', 'Ruud Jansen');
  await page.evaluate(() => localStorage.removeItem('welkom.app.session'));
  await page.goto(`${server.url}/join/${buddyCode}`);
  await page.locator('.invite-who').filter({hasText: 'as a volunteer buddy'}).waitFor();
  await page.getByLabel('New password').fill('buddy password 2026');
  await page.getByLabel('The same password again').fill('buddy password 2026');
  await page.getByRole('button', {name: 'Accept and sign in'}).click();
  await page.waitForURL(/\/app\/#\//);
  const buddy = await page.evaluate(() => JSON.parse(localStorage.getItem('welkom.app.session')));
  assert.equal(buddy.member.role, 'ROLE_BUDDY');

  const advisorCode = await invite('ROLE_ADVISOR', 'advisor', 'new.advisor@example.org', 'Noor Visser');
  await page.goto(`${server.url}/join/${advisorCode}`);
  await page.locator('.invite-who').filter({hasText: 'as an advisor'}).waitFor();
  await page.getByLabel('New password').fill('advisor password 2026');
  await page.getByLabel('The same password again').fill('advisor password 2026');
  await page.getByRole('button', {name: 'Accept and sign in'}).click();
  await page.getByRole('button', {name: 'Sign out'}).waitFor();
  assert.equal(new URL(page.url()).pathname, '/');
  await screenshot(page, 'phone-join-advisor-console');
  assert.deepEqual(browser.problems, []);
});

test('the app changes the password; the old one stops working', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(`${server.url}/app/#/me`);
  await page.getByRole('heading', {name: 'Change your password'}).waitFor();
  await page.getByLabel('Current password').fill('buddy password 2026');
  await page.getByLabel('New password').fill('a brand new buddy password');
  await page.getByLabel('The same password again').fill('a brand new buddy password');
  await page.getByRole('button', {name: 'Change password'}).click();
  await page.getByText('Password changed').waitFor();
  await assertNoHorizontalOverflow(page, 'me page');
  await screenshot(page, 'phone-change-password');
  await assert.rejects(callAs(server, {email: 'ruud.buddy@example.org',
                                       password: 'buddy password 2026'},
                              'IdentityService/WhoAmI', {}));
  await callAs(server, {email: 'ruud.buddy@example.org', password: 'a brand new buddy password'},
               'IdentityService/WhoAmI', {});
  assert.deepEqual(browser.problems, []);
});
