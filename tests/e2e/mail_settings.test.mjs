// The e-mail settings pages: HR in the console chooses how each kind of
// notification reaches them (escalations offer no "Off"), the choice is
// stored and survives a reload, the page reads in Dutch too and fits a
// 390 px phone; a newcomer does the same on the app's settings page,
// reached from Me.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, consoleSession, PHONE, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

async function stored(server, account, kind) {
  const prefs = await callAs(server, account,
                             'NotificationService/GetNotificationPreferences', {});
  return prefs.preferences.find((p) => p.kind === kind).delivery;
}

test('HR chooses per kind in the console; escalations cannot be turned off', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  await signIn(page, server, hr);
  await page.getByRole('link', {name: 'Settings', exact: true}).click();
  await page.getByRole('heading', {name: 'E-mail'}).waitFor();
  const escalation = page.getByLabel('Escalations of overdue legal steps');
  assert.equal(await escalation.inputValue(), 'DIGEST');
  const offered = await escalation.locator('option').allTextContents();
  assert.deepEqual(offered, ['At once', 'In the daily digest']);
  await page.getByText('Cannot be turned off').waitFor();

  await page.getByLabel('Low check-in scores').selectOption('IMMEDIATE');
  await page.getByLabel('Declined buddy matches').selectOption('OFF');
  await page.getByRole('button', {name: 'Save'}).click();
  await page.getByText('Your e-mail settings are saved.').waitFor();
  assert.equal(await stored(server, hr, 'checkin_low'), 'NOTIFICATION_DELIVERY_IMMEDIATE');
  assert.equal(await stored(server, hr, 'buddy_declined'), 'NOTIFICATION_DELIVERY_OFF');
  assert.equal(await stored(server, hr, 'step_overdue'), 'NOTIFICATION_DELIVERY_DIGEST');

  await page.reload();
  await page.getByRole('heading', {name: 'E-mail'}).waitFor();
  assert.equal(await page.getByLabel('Low check-in scores').inputValue(), 'IMMEDIATE');

  // Changed elsewhere meanwhile: saving with the old etag is refused and
  // the page shows what is stored now.
  await callAs(server, hr, 'NotificationService/SetNotificationPreferences',
               {preferences: [{kind: 'step_due', delivery: 'NOTIFICATION_DELIVERY_OFF'}]});
  await page.getByLabel('Overdue steps').selectOption('IMMEDIATE');
  await page.getByRole('button', {name: 'Save'}).click();
  await page.getByRole('alert').filter({hasText: /.+/}).waitFor();
  assert.equal(await stored(server, hr, 'step_overdue'), 'NOTIFICATION_DELIVERY_DIGEST');
  await page.waitForFunction(
      () => document.querySelector('select[data-kind=step_due]')?.value === 'OFF');
  // Saving again, on what is stored now, goes through.
  await page.getByLabel('Overdue steps').selectOption('IMMEDIATE');
  await page.getByRole('button', {name: 'Save'}).click();
  await page.getByText('Your e-mail settings are saved.').waitFor();
  assert.equal(await stored(server, hr, 'step_overdue'), 'NOTIFICATION_DELIVERY_IMMEDIATE');
  assert.equal(await stored(server, hr, 'step_due'), 'NOTIFICATION_DELIVERY_OFF');

  await page.getByLabel('Language').selectOption('nl');
  await page.getByRole('heading', {name: 'Instellingen'}).waitFor();
  await page.getByLabel('Lage check-in-scores').waitFor();
  assert.equal(await page.getAttribute('html', 'lang'), 'nl');
  await page.setViewportSize(PHONE);
  await assertNoHorizontalOverflow(page, 'console settings page');
  await screenshot(page, 'console-settings-nl');
  await page.getByLabel('Taal').selectOption('en');
  await page.setViewportSize({width: 1280, height: 860});
  assert.deepEqual(browser.problems, []);
});

test('a newcomer turns a kind off on the app settings page', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.setViewportSize(PHONE);
  const me = server.account('newcomer');
  await page.goto(`${server.url}/app/#/login`);
  await page.getByLabel('E-mail address').fill(me.email);
  await page.getByLabel('Password').fill(me.password);
  await page.getByRole('button', {name: 'Sign in'}).click();
  await page.getByRole('navigation', {name: 'Main'}).waitFor();
  await page.getByRole('link', {name: 'Me', exact: true}).click();
  await page.getByRole('link', {name: 'E-mail settings'}).click();
  await page.getByRole('heading', {name: 'E-mail'}).waitFor();
  const cancelled = page.getByLabel('Cancelled events');
  assert.equal(await cancelled.inputValue(), 'IMMEDIATE');
  // Nothing is required of a newcomer: every kind offers "Off".
  assert.equal(await page.getByText('Cannot be turned off').count(), 0);
  await cancelled.selectOption('OFF');
  await page.getByRole('button', {name: 'Save'}).click();
  await page.getByText('Your e-mail settings are saved.').waitFor();
  assert.equal(await stored(server, me, 'event_cancelled'), 'NOTIFICATION_DELIVERY_OFF');
  await assertNoHorizontalOverflow(page, 'app settings page');
  await screenshot(page, 'app-settings');
  assert.deepEqual(browser.problems, []);
});
