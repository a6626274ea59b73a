// Settings → Webhooks in the console: HR adds an endpoint (a private
// address is refused with the server's reason, nothing stored), sees the
// secret once with a copy button, gets a new one, and deletes the endpoint
// after confirming; the card fits a 390 px phone. An advisor manages only
// the Expat Center's endpoints. (An address literal: no DNS, no delivery.)
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {assertNoHorizontalOverflow, callAs, consoleSession, PHONE, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();
const URL = 'https://93.184.215.14/welkom-hooks';

async function endpointsOf(server, account) {
  const resp = await callAs(server, account, 'WebhookService/ListWebhookEndpoints', {});
  return resp.endpoints || [];
}

test('HR adds an endpoint, sees its secret once, rotates it and deletes it', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  await signIn(page, server, hr);
  await page.getByRole('link', {name: 'Settings', exact: true}).click();
  await page.getByRole('heading', {name: 'Webhooks'}).waitFor();
  await page.getByText('No webhook endpoints yet.').waitFor();

  const url = page.getByLabel('Endpoint URL (https://)');
  await url.fill('https://10.0.0.1/hook');
  await page.getByRole('checkbox', {name: 'Step done', exact: true}).check();
  await page.getByRole('button', {name: 'Add endpoint'}).click();
  await page.getByRole('alert').filter({hasText: 'private'}).waitFor();
  assert.deepEqual(await endpointsOf(server, hr), []);

  await url.fill(URL);
  await page.getByRole('checkbox', {name: 'Low check-in', exact: true}).check();
  await page.getByRole('button', {name: 'Add endpoint'}).click();
  const secret = page.locator('[data-secret] code');
  await secret.waitFor();
  const first = await secret.textContent();
  assert.match(first, /^whsec_[A-Za-z0-9+/]+=*$/);
  await page.getByRole('button', {name: 'Copy secret'}).waitFor();
  const stored = await endpointsOf(server, hr);
  assert.equal(stored.length, 1);
  assert.equal(stored[0].url, URL);
  assert.deepEqual(stored[0].eventTypes, ['step.done', 'checkin.low']);
  assert.equal(JSON.stringify(stored).includes('whsec_'), false);
  const card = page.locator(`[data-endpoint="${stored[0].id}"]`);
  await card.getByText('Step done, Low check-in').waitFor();

  // Shown once: after a reload it is gone; a new one replaces it.
  await page.reload();
  await page.getByRole('heading', {name: 'Webhooks'}).waitFor();
  await card.waitFor();
  assert.equal(await page.locator('[data-secret]').count(), 0);
  assert.equal((await page.content()).includes(first), false);
  await card.getByRole('button', {name: 'New secret'}).click();
  await secret.waitFor();
  assert.notEqual(await secret.textContent(), first);
  await card.getByRole('button', {name: 'Deliveries'}).click();
  await card.getByText('No deliveries yet.').waitFor();

  await page.setViewportSize(PHONE);
  await assertNoHorizontalOverflow(page, 'console webhooks');
  await screenshot(page, 'console-webhooks-phone');
  await page.setViewportSize({width: 1280, height: 860});

  // Delete asks first: dismissed, it stays; accepted, it goes.
  page.once('dialog', (d) => d.dismiss());
  await card.getByRole('button', {name: 'Delete'}).click();
  await page.waitForTimeout(200);
  assert.equal((await endpointsOf(server, hr)).length, 1);
  page.once('dialog', (d) => d.accept());
  await card.getByRole('button', {name: 'Delete'}).click();
  await page.getByText('No webhook endpoints yet.').waitFor();
  assert.deepEqual(await endpointsOf(server, hr), []);
  assert.deepEqual(browser.problems, []);
});

test("an advisor sees the Expat Center's endpoints, not an employer's", async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  const hr = server.account('hr');
  await callAs(server, hr, 'WebhookService/CreateWebhookEndpoint',
               {url: URL, eventTypes: ['step.done']});
  const advisor = server.account('advisor');
  await page.getByRole('button', {name: 'Sign out'}).click();
  await signIn(page, server, advisor);
  await page.getByRole('link', {name: 'Settings', exact: true}).click();
  await page.getByRole('heading', {name: 'Webhooks'}).waitFor();
  await page.getByText('No webhook endpoints yet.').waitFor();
  assert.deepEqual(await endpointsOf(server, advisor), []);
  assert.equal((await endpointsOf(server, hr)).length, 1);
  assert.deepEqual(browser.problems, []);
});
