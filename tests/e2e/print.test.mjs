// The journey printed for the newcomer (to take to the municipality): in
// print media only the journey shows (no header, navigation or buttons),
// legal sources print their address, and Chromium makes a PDF of it.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {consoleSession, screenshot, signIn} from './harness.mjs';

const ctx = consoleSession();

test('a journey prints without the console around it, sources with their address', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('hr'));
  await page.goto(`${server.url}/#/newcomers`);
  await page.getByRole('link', {name: 'Priya Raman'}).click();
  await page.getByRole('heading', {name: 'Journey of Priya Raman'}).waitFor();
  const print = page.getByRole('button', {name: /^Print this journey/});
  assert.equal(await print.isVisible(), true);
  await page.emulateMedia({media: 'print'});
  assert.equal(await page.locator('header.top').isVisible(), false);
  assert.equal(await print.isVisible(), false);
  assert.equal(await page.getByRole('button', {name: /^Mark .* done$/}).first().isVisible(),
               false);
  await page.getByText(/^Printed on .* from Welkom\.$/).waitFor();
  await page.getByRole('heading', {name: 'Journey of Priya Raman'}).waitFor();
  const source = page.locator('ol.timeline a[href^="http"]').first();
  const href = await source.getAttribute('href');
  const after = await source.evaluate((el) => getComputedStyle(el, '::after').content);
  assert.equal(after, `" (${href})"`);
  await screenshot(page, 'journey-print');
  const pdf = await page.pdf({format: 'A4'});
  assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
  await page.emulateMedia({media: 'screen'});
  assert.equal(await page.locator('header.top').isVisible(), true);
  assert.deepEqual(browser.problems, []);
});
