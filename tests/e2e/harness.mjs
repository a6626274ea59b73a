// What every console test needs: a real welkomd with the demo region on
// ephemeral ports (started here, stopped after), Debian's Chromium driven by
// playwright-core with a fresh profile, and screenshots under
// $WELKOM_SCREENSHOTS (ctest sets build/e2e-screenshots).
import {spawn} from 'node:child_process';
import {mkdtempSync, mkdirSync, readFileSync, existsSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {after, before} from 'node:test';
import {chromium} from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// `args`: extra welkomd flags, e.g. ['--buddy_daily_matching=false'].
export async function startWelkomd(args = []) {
  const binary = process.env.WELKOMD;
  if (!binary || !existsSync(binary)) {
    throw new Error(`set WELKOMD to the welkomd binary (got '${binary}')`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'welkom-e2e-'));
  const portFile = path.join(dir, 'ports');
  const child = spawn(binary, [
    '--db', path.join(dir, 'welkom.db'), '--demo',
    '--grpc-listen', '127.0.0.1:0', '--http-listen', '127.0.0.1:0',
    '--port-file', portFile, '--log-level', 'warning', ...args,
  ], {stdio: ['ignore', 'ignore', 'inherit']});
  let exited = null;
  child.on('exit', (code) => { exited = code; });
  for (let i = 0; i < 300 && !existsSync(portFile); i++) {
    if (exited !== null) throw new Error(`welkomd exited with ${exited}`);
    await sleep(100);
  }
  if (!existsSync(portFile)) throw new Error('welkomd did not start in 30 s');
  const ports = Object.fromEntries(readFileSync(portFile, 'utf8').trim().split('\n')
                                      .map((l) => l.split('=')));
  const accounts = readFileSync(path.join(dir, 'demo-accounts.txt'), 'utf8')
      .split('\n').filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const [role, email, password, organization, userId, orgId] = l.split('\t');
        return {role, email, password, organization, userId, orgId};
      });
  return {
    url: `http://127.0.0.1:${ports.http}`,
    grpcAddress: `127.0.0.1:${ports.grpc}`,
    dbPath: path.join(dir, 'welkom.db'),
    accounts,
    account(role, index = 0) {
      const found = accounts.filter((a) => a.role === role)[index];
      if (!found) throw new Error(`no demo account ${role}#${index}`);
      return found;
    },
    async stop() {
      if (exited === null) {
        child.kill('SIGTERM');
        for (let i = 0; i < 100 && exited === null; i++) await sleep(100);
      }
      rmSync(dir, {recursive: true, force: true});
      if (exited !== 0) throw new Error(`welkomd stopped with ${exited}`);
    },
  };
}

// `viewport`: the page size; phone tests use PHONE (390x844). Other keys are
// extra context options, e.g. {timezoneId: 'America/New_York'}.
export const PHONE = {width: 390, height: 844};

export async function startBrowser({viewport = {width: 1280, height: 860}, ...options} = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), 'welkom-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
           '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport,
    ...options,
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  return {
    page,
    context,
    // Script errors seen so far (a test fails on any).
    problems,
    async stop() {
      await context.close();
      rmSync(profile, {recursive: true, force: true});
    },
  };
}

export async function screenshot(page, name) {
  const dir = process.env.WELKOM_SCREENSHOTS || path.resolve('screenshots');
  mkdirSync(dir, {recursive: true});
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({path: file, fullPage: true});
  return file;
}

// How far the page at its current viewport is wider than the screen (0 when
// it fits), and the elements that stick out, for the assertion message.
export async function overflow(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const extra = document.documentElement.scrollWidth - width;
    const wide = [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > width + 1)
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return {extra, wide};
  });
}

// Calls welkomd's Connect JSON mapping as `account` (signing in first, or
// using `account.token`; null for public methods), as the app or another
// browser tab would; throws on an error answer.
export async function callAs(server, account, method, body) {
  const post = async (path, payload, token) => {
    const headers = {'Content-Type': 'application/json'};
    if (token) headers.Authorization = `Bearer ${token}`;
    const r = await fetch(`${server.url}/welkom.v1.${path}`,
                          {method: 'POST', headers, body: JSON.stringify(payload)});
    const json = await r.json();
    if (!r.ok) throw new Error(`${path}: ${json.code} ${json.message}`);
    return json;
  };
  const token = !account ? '' : account.token || (await post('IdentityService/Login',
      {email: account.email, password: account.password})).session.token;
  return post(method, body, token);
}

// Signs in through the login form with the keyboard only.
export async function signIn(page, server, account) {
  await page.goto(`${server.url}/#/login`);
  const email = page.getByLabel(/E-mail address|E-mailadres/);
  await email.waitFor();
  await email.focus();
  await page.keyboard.type(account.email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(account.password);
  await page.keyboard.press('Enter');
  // Signed in once the console has moved on to the role's home page.
  await page.waitForURL((url) => url.hash && !url.hash.startsWith('#/login'));
  await page.getByRole('button', {name: /Sign out|Afmelden/}).waitFor();
}

// Registers node:test hooks that start welkomd and the browser before the
// file's tests and stop both after; the returned object holds them:
//   const ctx = consoleSession();  ...  ctx.browser.page, ctx.server.url
// `welkomdArgs` go to startWelkomd.
export function consoleSession(welkomdArgs = [], browserOptions = {}) {
  const ctx = {server: null, browser: null};
  before(async () => {
    ctx.server = await startWelkomd(welkomdArgs);
    ctx.browser = await startBrowser(browserOptions);
  });
  after(async () => {
    await ctx.browser?.stop();
    await ctx.server?.stop();
  });
  return ctx;
}

// The same hooks with a phone-sized browser (390x844), for the app and the
// invitation page.
export function phoneSession(welkomdArgs = []) {
  return consoleSession(welkomdArgs, {viewport: PHONE});
}

// Fails when the page is wider than its viewport (a horizontal scroll bar
// on a phone), naming the widest element that sticks out.
export async function assertNoHorizontalOverflow(page, what) {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return null;
    let worst = null;
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && (!worst || r.right > worst.right)) {
        worst = {right: r.right, tag: el.tagName, cls: el.className, text: (el.textContent || '').slice(0, 60)};
      }
    }
    return {scrollWidth: document.documentElement.scrollWidth, width, worst};
  });
  if (found) {
    throw new Error(`${what}: page is ${found.scrollWidth}px wide in a ${found.width}px viewport; ` +
                    `widest: ${JSON.stringify(found.worst)}`);
  }
}

// The calendar date `days` from now in Europe/Amsterdam, as welkomd counts
// journey days ({year, month, day} for the Connect JSON of welkom.v1.Date).
// Between 22:00 and 24:00 UTC Amsterdam is already on the next day.
export function amsterdamDateFromNow(days) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit',
  }).formatToParts(new Date());
  const get = (type) => Number(parts.find((p) => p.type === type).value);
  const d = new Date(Date.UTC(get('year'), get('month') - 1, get('day') + days));
  return {year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate()};
}
