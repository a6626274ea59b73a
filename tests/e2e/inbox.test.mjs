// The console's inbox: the unread count in the header matches the
// server's, notifications open what they are about, marking read lowers
// the count, and a change made elsewhere (another tab, the app) reaches the
// header without a reload (polled every 30 s).
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {callAs, consoleSession, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

async function unread(server, account) {
  return (await callAs(server, account, 'NotificationService/ListNotifications',
                       {pageSize: 500})).unreadCount || 0;
}

test('HR sees the unread count, opens the inbox and marks one read', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  const before = await unread(server, hr);
  assert.ok(before > 1, `the demo HR account has unread notifications (${before})`);
  await signIn(page, server, hr);
  const link = page.getByRole('link', {name: `Inbox, ${before} unread`});
  await link.waitFor();
  await link.click();
  await page.getByRole('heading', {name: 'Inbox', exact: true}).waitFor();
  await page.getByRole('status').filter({hasText: `${before} unread`}).waitFor();
  await screenshot(page, 'hr-inbox');
  const first = page.locator('ul.inbox li.unread').first();
  const title = (await first.locator('a, strong').first().textContent()).trim();
  await first.getByRole('button', {name: `Mark “${title}” read`}).click();
  await page.getByRole('link', {name: `Inbox, ${before - 1} unread`}).waitFor();
  assert.equal(await unread(server, hr), before - 1);
  assert.deepEqual(browser.problems, []);
});

test('a change made elsewhere reaches the header without a reload', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  const list = await callAs(server, hr, 'NotificationService/ListNotifications',
                            {pageSize: 500, unreadOnly: true});
  const one = list.notifications[0];
  await callAs(server, hr, 'NotificationService/MarkRead', {ids: [one.id]});
  const expected = list.unreadCount - 1;
  await page.getByRole('link', {name: expected ? `Inbox, ${expected} unread` : /^Inbox$/})
      .waitFor({timeout: 40000});
  assert.deepEqual(browser.problems, []);
});

test('"Mark all read" empties the count; a notification opens its journey step', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.goto(`${server.url}/#/inbox`);
  await page.getByRole('button', {name: 'Mark all read'}).click();
  await page.getByRole('link', {name: /^Inbox$/}).waitFor();
  assert.equal(await unread(server, server.account('hr')), 0);
  const toStep = page.locator('ul.inbox a[href*="?step="]').first();
  const key = decodeURIComponent((await toStep.getAttribute('href')).split('?step=')[1]);
  await toStep.click();
  await page.locator(`li.focused[data-step="${key}"]`).waitFor();
  assert.deepEqual(browser.problems, []);
});
