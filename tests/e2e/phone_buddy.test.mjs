// The buddy's app on a phone (390x844): the invitation link, the profile,
// a proposal after the advisor's matching run (score breakdown, 72-hour
// countdown), accepting it; then the newcomer's app shows the buddy. Every
// page is checked for horizontal overflow.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, phoneSession, screenshot} from './harness.mjs';

const ctx = phoneSession(['--buddy_daily_matching=false']);
const BUDDY = {email: 'sanne.buddy@example.org', password: 'buddy password 2026'};
const NEWCOMER = {email: 'einar.newcomer@example.org', password: 'newcomer password 26'};

async function signInApp(page, server, account) {
  await page.goto(`${server.url}/app/#/login`);
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('navigation', {name: 'Main'}).waitFor();
}

test('a buddy accepts the invitation and fills the profile', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const inv = await callAs(server, server.account('advisor'), 'IdentityService/CreateInvitation',
                           {role: 'ROLE_BUDDY', email: BUDDY.email, displayName: 'Sanne de Boer'});
  await page.goto(`${server.url}/join/${inv.invitation.code}`);
  await page.locator('.invite-who').filter({hasText: 'as a volunteer buddy'}).waitFor();
  await page.getByLabel('New password').fill(BUDDY.password);
  await page.getByLabel('The same password again').fill(BUDDY.password);
  await page.getByRole('button', {name: 'Accept and sign in'}).click();
  await page.getByRole('heading', {name: 'Your newcomers'}).waitFor();
  await page.getByText('No proposals now').waitFor();
  await assertNoHorizontalOverflow(page, 'buddy proposals (empty)');

  await page.getByRole('link', {name: 'Profile', exact: true}).click();
  await page.getByRole('heading', {name: 'Your buddy profile'}).waitFor();
  await page.getByLabel('Languages you speak').fill('is, nl, en');
  await page.getByLabel('Interests').fill('jazz, sailing');
  await page.getByLabel('Municipality').selectOption('enschede');
  await page.getByLabel('Field of work').fill('engineering');
  await page.getByLabel('Newcomers at a time (1–5)').fill('7');
  await page.getByRole('button', {name: 'Save profile'}).click();
  // The browser's own check or the server's: 7 is not saved.
  await page.getByLabel('Newcomers at a time (1–5)').fill('2');
  await page.getByRole('button', {name: 'Save profile'}).click();
  await page.getByText('Profile saved.').waitFor();
  const profile = await callAs(server, BUDDY, 'BuddyService/GetBuddyProfile', {});
  assert.deepEqual([...profile.languages].sort(), ['en', 'is', 'nl']);
  assert.equal(profile.capacity, 2);
  assert.equal(profile.municipality, 'enschede');
  await assertNoHorizontalOverflow(page, 'buddy profile');
  await screenshot(page, 'phone-buddy-profile');
  assert.deepEqual(browser.problems, []);
});

test('the buddy gets a proposal after the matching run and accepts it', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  // A newcomer who speaks only Icelandic: only this buddy can be proposed.
  const inv = await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation', {
    role: 'ROLE_NEWCOMER', email: NEWCOMER.email, displayName: 'Einar Jónsson',
    newcomerProfile: {euCitizen: true, permitType: 'PERMIT_TYPE_NONE', stayMonths: 24,
                      occupation: 'OCCUPATION_PROFESSIONAL', municipality: 'enschede'},
  });
  await callAs(server, null, 'IdentityService/AcceptInvitation',
               {code: inv.invitation.code, password: NEWCOMER.password});
  await callAs(server, NEWCOMER, 'BuddyService/SetMyPreferences',
               {preferences: {languages: ['is'], interests: ['jazz']}});
  const run = await callAs(server, server.account('advisor'), 'BuddyService/RunMatching', {});
  assert.ok(run.proposals.length >= 1);

  await page.getByRole('link', {name: 'Matches', exact: true}).click();
  const card = page.locator('article').filter({hasText: 'Einar'});
  await card.waitFor();
  await card.getByText(/Why you: \d+ points/).waitFor();
  await card.getByText(/7[12] h \d+ min left to answer/).waitFor();
  await assertNoHorizontalOverflow(page, 'buddy proposal');
  await screenshot(page, 'phone-buddy-proposal');
  await card.getByRole('button', {name: 'Accept'}).click();
  await page.getByRole('heading', {name: 'Matched'}).waitFor();
  await page.locator('article').filter({hasText: 'Einar · speaks is'}).getByRole('button',
      {name: 'End this match'}).waitFor();
  const matches = await callAs(server, BUDDY, 'BuddyService/ListMatches', {});
  assert.equal(matches.matches.find((m) => m.newcomer.firstName === 'Einar').state,
               'MATCH_STATE_ACCEPTED');
  await page.getByRole('link', {name: /^Inbox( \d+ unread)?$/}).click();
  await page.getByRole('heading', {name: 'Inbox'}).waitFor();
  await assertNoHorizontalOverflow(page, 'buddy inbox');
  await page.getByRole('link', {name: 'Events', exact: true}).click();
  await page.getByRole('heading', {name: 'Events'}).waitFor();
  await assertNoHorizontalOverflow(page, 'buddy events');
  assert.deepEqual(browser.problems, []);
});

test('the newcomer’s app shows the buddy, in Dutch too', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('link', {name: 'Me', exact: true}).click();
  await page.getByRole('button', {name: 'Sign out'}).click();
  await signInApp(page, server, NEWCOMER);
  await page.getByRole('link', {name: 'Buddy', exact: true}).click();
  await page.getByText('Sanne is your buddy.').waitFor();
  await page.getByText(/Speaks .*is.* · lives in Enschede/).waitFor();
  await assertNoHorizontalOverflow(page, 'newcomer buddy');
  await screenshot(page, 'phone-newcomer-has-buddy');
  await page.locator('#lang-select').selectOption('nl');
  await page.getByText('Sanne is je buddy.').waitFor();
  await assertNoHorizontalOverflow(page, 'newcomer buddy (nl)');
  await screenshot(page, 'phone-newcomer-has-buddy-nl');
  await page.locator('#lang-select').selectOption('en');
  assert.deepEqual(browser.problems, []);
});
