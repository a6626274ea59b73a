// "Your data" (GDPR art. 15, 17 and 20): a newcomer on the phone downloads
// everything Welkom holds about them from the app's Me page, and an HR
// person their own account's data from the console's Account page. The
// downloaded files are read back: the person's own data, nobody else's.
// The newcomer then asks for erasure, confirms, sees the day, calls it off.
import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, phoneSession, screenshot, signIn} from './harness.mjs';

const ctx = phoneSession();

async function download(page) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', {name: 'Download my data'}).click(),
  ]);
  assert.match(file.suggestedFilename(), /^welkom-my-data-\d{4}-\d\d-\d\d\.json$/);
  const data = JSON.parse(readFileSync(await file.path(), 'utf8'));
  await page.getByText('Your data is downloaded.').waitFor();
  return data;
}

test('a newcomer downloads their data on the phone', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const me = server.account('newcomer');
  await callAs(server, me, 'JourneyService/UpdateStep',
               {stepKey: 'bank_account', note: 'ask about the 7f3a account', setNote: true});
  // Someone else of the same employer, whose data must stay out.
  await callAs(server, server.account('hr'), 'IdentityService/CreateInvitation',
               {role: 'ROLE_NEWCOMER', email: 'other.newcomer@example.org',
                displayName: 'Other Newcomer'});
  await page.goto(`${server.url}/app/#/login`);
  await page.getByLabel('E-mail address').fill(me.email);
  await page.getByLabel('Password').fill(me.password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('navigation', {name: 'Main'}).waitFor();
  await page.getByRole('link', {name: 'Me', exact: true}).click();
  await page.getByRole('heading', {name: 'Your data'}).waitFor();
  await assertNoHorizontalOverflow(page, 'app me page with your data');
  await screenshot(page, 'app-my-data');
  const data = await download(page);
  assert.equal(data.member.email, me.email);
  assert.ok(data.journey.steps.length > 10);
  assert.equal(data.journey.steps.find((s) => s.key === 'bank_account').note,
               'ask about the 7f3a account');
  assert.ok(!JSON.stringify(data).includes('other.newcomer@example.org'));
  assert.deepEqual(browser.problems, []);
});

test('HR downloads their own account data in the console', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.setViewportSize({width: 1280, height: 860});
  const hr = server.account('hr');
  await signIn(page, server, hr);
  await page.getByRole('link', {name: 'Account', exact: true}).click();
  await page.getByRole('heading', {name: 'Your data'}).waitFor();
  const data = await download(page);
  assert.equal(data.member.email, hr.email);
  assert.equal(data.member.role, 'ROLE_HR');
  assert.equal(data.journey, undefined);
  assert.ok(!JSON.stringify(data).includes(server.account('newcomer').email));
  await page.setViewportSize({width: 390, height: 844});
  await assertNoHorizontalOverflow(page, 'console account page');
  assert.deepEqual(browser.problems, []);
});

test('a newcomer asks for erasure, is asked to confirm, and calls it off', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.setViewportSize({width: 390, height: 844});
  await page.goto(`${server.url}/app/#/me`);
  await page.getByRole('heading', {name: 'Erase my data'}).waitFor();
  await page.getByRole('button', {name: 'Erase my data…'}).click();
  await page.getByRole('dialog').getByText('Are you sure?').waitFor();
  await page.getByRole('button', {name: 'Go back'}).click();
  assert.equal((await callAs(server, server.account('newcomer'), 'PrivacyService/GetErasureStatus',
                             {})).status.state, 'ERASURE_STATE_NONE');
  await page.getByRole('button', {name: 'Erase my data…'}).click();
  await page.getByRole('button', {name: 'Yes, erase my data'}).click();
  await page.getByText(/Your data will be erased on/).waitFor();
  await assertNoHorizontalOverflow(page, 'app me page, erasure scheduled');
  await screenshot(page, 'app-erasure-scheduled');
  const me = server.account('newcomer');
  const status = await callAs(server, me, 'PrivacyService/GetErasureStatus', {});
  assert.equal(status.status.state, 'ERASURE_STATE_SCHEDULED');
  const days = (Date.parse(status.status.eraseTime) - Date.parse(status.status.requestTime)) /
               86400000;
  assert.equal(days, 7);
  await page.getByRole('button', {name: 'Call off the erasure'}).click();
  await page.getByText('The erasure is called off. Your data stays.').waitFor();
  await page.getByRole('button', {name: 'Erase my data…'}).waitFor();
  assert.equal((await callAs(server, me, 'PrivacyService/GetErasureStatus', {})).status.state,
               'ERASURE_STATE_NONE');
  assert.deepEqual(browser.problems, []);
});
