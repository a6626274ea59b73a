// HR edits the company template in the console: adds a company step, moves
// and edits it, sees regional legal steps locked, saves a new version, and
// meets a stale edit (someone saved meanwhile) with the server's message
// and a reload.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {callAs, consoleSession, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

async function addStep(page, en, nl, offset) {
  await page.getByLabel('Title (English)').fill(en);
  await page.getByLabel('Title (Dutch)').fill(nl);
  await page.getByLabel('Who does it').selectOption('STEP_OWNER_HR');
  await page.getByLabel('Due relative to').selectOption('ANCHOR_START_OF_WORK');
  await page.getByLabel('Days after (negative: before)').fill(String(offset));
  await page.getByRole('button', {name: 'Add step'}).click();
  await page.getByRole('listitem').filter({hasText: en}).waitFor();
}

test('HR adds, reorders and saves company steps; legal steps are locked', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('hr'));
  await page.getByRole('link', {name: 'Company template'}).click();
  await page.getByRole('heading', {name: 'Company template'}).waitFor();
  // Regional legal steps cannot be left out: no checkbox, a lock badge.
  await page.getByText('Legal — locked').first().waitFor();
  assert.equal(await page.getByRole('checkbox', {name: /Include .*BRP/}).count(), 0);
  await addStep(page, 'Laptop and badge', 'Laptop en pasje', -3);
  await addStep(page, 'Workplace tour', 'Rondleiding op de werkplek', 1);
  // Move the tour above the laptop with the keyboard.
  await page.getByRole('button', {name: 'Move “Workplace tour” up'}).focus();
  await page.keyboard.press('Enter');
  const steps = page.getByRole('list').filter({hasText: 'Workplace tour'}).getByRole('listitem');
  assert.match(await steps.nth(0).textContent(), /Workplace tour/);
  assert.match(await steps.nth(1).textContent(), /Laptop and badge/);
  await page.getByRole('button', {name: 'Save template'}).click();
  await page.getByText(/^Version \d+$/).waitFor();
  await screenshot(page, 'hr-template');
  assert.deepEqual(browser.problems, []);
});

test('a stale edit shows the server\'s message and reloads the saved template', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await page.getByRole('button', {name: 'Edit “Laptop and badge”'}).click();
  await page.getByLabel('Days after (negative: before)').fill('-5');
  await page.getByRole('button', {name: 'Apply'}).click();
  // Meanwhile a colleague saves from another tab (the same JSON API).
  const hr = server.account('hr');
  const current = (await callAs(server, hr, 'TemplateService/GetTemplate', {})).template;
  await callAs(server, hr, 'TemplateService/SaveTemplate', {
    steps: current.steps.slice(0, 1), omittedSteps: current.omittedSteps || [],
    etag: current.etag, requestId: crypto.randomUUID()});
  await page.getByRole('button', {name: 'Save template'}).click();
  await page.getByRole('alert').filter({hasText: /Reloaded the current version/}).waitFor();
  // The page now shows the colleague's version: only the tour is left.
  await page.getByRole('listitem').filter({hasText: 'Laptop and badge'}).waitFor({state: 'detached'});
  await page.getByRole('listitem').filter({hasText: 'Workplace tour'}).waitFor();
  assert.deepEqual(browser.problems, []);
});
