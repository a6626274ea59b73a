// Inviting by e-mail from the console: HR ticks "Also send the invitation
// link by e-mail", picks Dutch, and a real SMTP server (Debian's aiosmtpd,
// tests/support/smtp_sink.py) receives a Dutch mail whose link carries the
// code the console showed; the link opens the invitation page on a phone.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {consoleSession, screenshot, signIn} from './harness.mjs';

const PYTHON = process.env.DEBIAN_PYTHON3 || '/usr/bin/python3';
const SINK = new URL('../support/smtp_sink.py', import.meta.url).pathname;

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => {
    const {port} = probe.address();
    probe.close(() => resolve(port));
  });
});
const mailDir = mkdtempSync(join(tmpdir(), 'welkom-e2e-mail-'));
let sink;

before(async () => {
  sink = spawn(PYTHON, [SINK, '--port', String(port), '--dir', mailDir], {stdio: 'inherit'});
  for (let i = 0; i < 300 && !existsSync(join(mailDir, 'ready')); ++i) {
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(existsSync(join(mailDir, 'ready')), 'smtp_sink.py did not start');
});
after(() => {
  sink?.kill('SIGTERM');
  rmSync(mailDir, {recursive: true, force: true});
});

const ctx = consoleSession([`--smtp-url=smtp://127.0.0.1:${port}`,
                            '--smtp-from=welkom@e2e.example.org',
                            '--delivery-interval-ms=100']);

// The first mail to `address` (the demo's newcomers get their reminders by
// mail too).
async function mailTo(address) {
  for (let i = 0; i < 300; ++i) {
    const names = readdirSync(mailDir).filter((n) => n.endsWith('.json')).sort();
    for (const name of names) {
      const mail = JSON.parse(readFileSync(join(mailDir, name), 'utf8'));
      if (mail.rcpt_tos.includes(address)) return mail;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no mail to ${address} arrived`);
}

test('HR invites by e-mail in Dutch and the mail carries the link the console shows', async () => {
  const {server, browser} = ctx;
  const {page} = browser;
  await signIn(page, server, server.account('hr'));
  await page.goto(`${server.url}/#/invite`);
  await page.getByLabel(/^E-mail address/).fill('marit.jansen@example.org');
  await page.getByLabel(/^Name/).fill('Marit Jansen');
  await page.getByLabel('Arrival in the Netherlands').fill('2026-12-01');
  await page.getByLabel('First working day').fill('2026-12-07');
  await page.getByLabel('Language of the invitation').selectOption('nl');
  await page.getByLabel('Also send the invitation link by e-mail').check();
  await screenshot(page, 'console-invite-by-mail');
  await page.getByRole('button', {name: 'Create invitation'}).click();
  await page.getByRole('heading', {name: 'Invitation for Marit Jansen created.'}).waitFor();
  await page.getByText('An e-mail with the invitation link is on its way to marit.jansen@example.org.')
      .waitFor();
  const shown = (await page.locator('code.secret').textContent()).trim();

  const mail = await mailTo('marit.jansen@example.org');
  assert.deepEqual(mail.rcpt_tos, ['marit.jansen@example.org']);
  assert.match(mail.subject, / nodigt je uit voor Welkom – /);
  assert.match(mail.plain, /^Hallo Marit Jansen,/);
  const link = /(\S+\/join\/[A-Za-z0-9_-]+)/.exec(mail.plain)[1];
  assert.ok(link.endsWith(`/join/${shown}`), link);
  assert.ok(mail.html.includes(`href="${link}"`));

  // Without --public-url the link is this welkomd's own address.
  await page.goto(link);
  await page.locator('.invite-who').waitFor();
  assert.match(await page.locator('.invite-who').textContent(), /Marit Jansen/);
});
