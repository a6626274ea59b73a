// The console's live inbox helper, stream() in js/api.js, in Chromium: it
// reads NotificationService.Watch in the Connect streaming form with
// fetch(), resumes after the last id it saw, and reports the server's
// end-stream error as an ApiError with the Connect code. Notifications are
// stored straight in the database file with Debian's sqlite3, as an
// out-of-process producer would.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {callAs, consoleSession} from './harness.mjs';

const ctx = consoleSession();

function produce(recipientId, kind) {
  const out = execFileSync('sqlite3', [ctx.server.dbPath],
      {input: `.timeout 5000\nINSERT INTO notifications (recipient_id, kind, title_en, title_nl, created_at) VALUES ('${recipientId}', '${kind}', 'Hello', 'Hallo', 1795000000);\nSELECT last_insert_rowid();\n`});
  return out.toString().trim();
}

async function openConsoleAs(account) {
  const {session} = await callAs(ctx.server, null, 'IdentityService/Login',
      {email: account.email, password: account.password});
  const page = ctx.browser.page;
  await page.goto(`${ctx.server.url}/`);
  await page.evaluate((token) => sessionStorage.setItem(
      'welkom.session', JSON.stringify({token})), session.token);
  return page;
}

// Runs stream() in the page until `count` messages came (then aborts) or the
// stream ended; answers the messages' ids and kinds and how it ended.
function watchInPage(page, afterId, count, timeoutMs = 0) {
  return page.evaluate(async ({afterId, count, timeoutMs}) => {
    const {stream} = await import('/js/api.js');
    const got = [];
    const abort = new AbortController();
    try {
      await stream('NotificationService', 'Watch', {afterId}, (n) => {
        got.push({id: n.id, kind: n.kind});
        if (got.length === count) abort.abort();
      }, {signal: abort.signal, timeoutMs});
    } catch (e) {
      return {got, code: e.code};
    }
    return {got, code: 'ok'};
  }, {afterId, count, timeoutMs});
}

test('stream() gets the replay after the given id, then live notifications', async () => {
  const newcomer = ctx.server.account('newcomer');
  const page = await openConsoleAs(newcomer);
  const first = produce(newcomer.userId, 'old');
  const second = produce(newcomer.userId, 'old');
  const pending = watchInPage(page, first, 2);
  await sleep(1000);
  const live = produce(newcomer.userId, 'live');
  const {got, code} = await pending;
  assert.deepEqual(got, [{id: second, kind: 'old'}, {id: live, kind: 'live'}]);
  assert.equal(code, 'canceled');
});

test("stream() reports the server's end-stream errors by their Connect code", async () => {
  const newcomer = ctx.server.account('newcomer');
  const page = await openConsoleAs(newcomer);
  const last = produce(newcomer.userId, 'old');
  const timedOut = await watchInPage(page, last, 0, 600);
  assert.deepEqual(timedOut, {got: [], code: 'deadline_exceeded'});
  const never = await watchInPage(page, String(Number(last) + 1000), 0);
  assert.equal(never.code, 'invalid_argument');
  await page.evaluate(() => sessionStorage.setItem(
      'welkom.session', JSON.stringify({token: 'not-a-token'})));
  const signedOut = await watchInPage(page, '0', 0);
  assert.equal(signedOut.code, 'unauthenticated');
});
