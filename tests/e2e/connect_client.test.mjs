// welkomd's HTTP port called with the official Connect client for Node
// (connect-es: @connectrpc/connect with @connectrpc/connect-node), which
// nobody on the project wrote. The services' descriptors come from the
// contract itself (protoc --descriptor_set_out at test time, read by
// @bufbuild/protobuf's registry), so nothing is generated or checked in.
// Unary calls in JSON and binary, GET for the side-effect-free reads,
// server streaming of NotificationService.Watch, and Connect error codes.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, readdirSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {after, before, test} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';
import {createFileRegistry, fromBinary} from '@bufbuild/protobuf';
import {FileDescriptorSetSchema} from '@bufbuild/protobuf/wkt';
import {Code, ConnectError, createClient} from '@connectrpc/connect';
import {createConnectTransport} from '@connectrpc/connect-node';
import {startWelkomd} from './harness.mjs';

const PROTO_DIR = path.resolve('../../proto');

// The contract's descriptors, straight from the .proto files.
function contractRegistry() {
  const dir = mkdtempSync(path.join(tmpdir(), 'welkom-fds-'));
  const out = path.join(dir, 'contract.pb');
  const files = readdirSync(path.join(PROTO_DIR, 'welkom/v1'))
      .filter((f) => f.endsWith('.proto')).map((f) => `welkom/v1/${f}`);
  execFileSync('protoc', [`--proto_path=${PROTO_DIR}`, '--include_imports',
                          `--descriptor_set_out=${out}`, ...files]);
  const set = fromBinary(FileDescriptorSetSchema, readFileSync(out));
  rmSync(dir, {recursive: true, force: true});
  return createFileRegistry(set);
}

let server;
let registry;

// A client of `service` for `token`: JSON or binary, GET for reads or not.
function client(service, token, {binary = false, get = false} = {}) {
  const transport = createConnectTransport({
    baseUrl: server.url,
    httpVersion: '1.1',
    useBinaryFormat: binary,
    useHttpGet: get,
    interceptors: [(next) => async (req) => {
      if (token) req.header.set('Authorization', `Bearer ${token}`);
      return next(req);
    }],
  });
  return createClient(registry.getService(`welkom.v1.${service}`), transport);
}

async function login(role, index = 0) {
  const account = server.account(role, index);
  const resp = await client('IdentityService').login(
      {email: account.email, password: account.password});
  return resp.session.token;
}

async function connectCode(promise) {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof ConnectError, `not a ConnectError: ${e}`);
    return e.code;
  }
  return 0;  // no error
}

before(async () => {
  registry = contractRegistry();
  server = await startWelkomd();
});
after(async () => { await server?.stop(); });

test('unary calls in JSON and in binary answer the same', async () => {
  const token = await login('newcomer');
  const json = await client('IdentityService', token).whoAmI({});
  const binary = await client('IdentityService', token, {binary: true}).whoAmI({});
  assert.equal(json.member.email, server.account('newcomer').email);
  assert.equal(binary.member.id, json.member.id);
  const journey = await client('JourneyService', token, {binary: true}).getJourney({});
  assert.ok(journey.journey.steps.length > 5, 'the demo journey has its steps');
});

test('errors arrive as Connect codes', async () => {
  assert.equal(await connectCode(client('IdentityService').whoAmI({})),
               Code.Unauthenticated);
  const hr = await login('hr', 0);
  assert.equal(await connectCode(client('JourneyService', hr).getJourney(
      {journeyId: 'no-such-journey'})), Code.NotFound);
  assert.equal(await connectCode(client('IdentityService').login(
      {email: 'nobody@example.invalid', password: 'x'})), Code.Unauthenticated);
  assert.equal(await connectCode(client('EventService', hr).listEvents(
      {pageSize: -1})), Code.InvalidArgument);
});

// How many Connect GETs welkomd has answered 200 (connect-es switches to GET
// below its interceptors, so the server's count is what shows it).
async function getsAnswered() {
  const metrics = await (await fetch(`${server.url}/metrics`)).text();
  const m = metrics.match(/welkom_http_responses_total\{route="connect_get",code="200"\} (\d+)/);
  return m ? Number(m[1]) : 0;
}

test('with useHttpGet the reads go out as GET and answer as over POST', async () => {
  const token = await login('newcomer');
  const before = await getsAnswered();
  const viaGet = await client('JourneyService', token, {get: true}).getJourney({});
  const viaGetBinary = await client('JourneyService', token, {get: true, binary: true})
      .getJourney({});
  const viaPost = await client('JourneyService', token).getJourney({});
  assert.equal(await getsAnswered(), before + 2);
  assert.equal(viaGet.journey.id, viaPost.journey.id);
  assert.equal(viaGetBinary.journey.steps.length, viaPost.journey.steps.length);
  // A method with side effects still goes out as POST.
  await client('NotificationService', token, {get: true}).markRead({ids: []});
  assert.equal(await getsAnswered(), before + 2);
});

test('Watch streams the replay, then live notifications, and ends at its deadline', async () => {
  const token = await login('newcomer');
  const newcomer = server.account('newcomer');
  const insert = (kind) => execFileSync('sqlite3', [server.dbPath], {input:
      `.timeout 5000\nINSERT INTO notifications (recipient_id, kind, title_en, title_nl, created_at) VALUES ('${newcomer.userId}', '${kind}', 'Hello', 'Hallo', 1795000000);\nSELECT last_insert_rowid();\n`})
      .toString().trim();
  const first = BigInt(insert('old'));
  const second = BigInt(insert('old'));
  const got = [];
  let code = null;
  const watching = (async () => {
    try {
      for await (const n of client('NotificationService', token)
          .watch({afterId: first}, {timeoutMs: 2500})) {
        got.push([n.id, n.kind]);
      }
    } catch (e) {
      code = e instanceof ConnectError ? e.code : String(e);
    }
  })();
  await sleep(800);
  const live = BigInt(insert('live'));
  await watching;
  assert.deepEqual(got, [[second, 'old'], [live, 'live']]);
  assert.equal(code, Code.DeadlineExceeded);
  // Resuming after the last id seen gives nothing twice.
  const resumed = [];
  try {
    for await (const n of client('NotificationService', token)
        .watch({afterId: live}, {timeoutMs: 500})) resumed.push(n.id);
  } catch (e) {
    assert.equal(e.code, Code.DeadlineExceeded);
  }
  assert.deepEqual(resumed, []);
  // A stream's errors arrive in its end-stream message as Connect codes.
  let bad = null;
  try {
    for await (const n of client('NotificationService', token)
        .watch({afterId: live + 1000n})) assert.fail(`unexpected ${n.id}`);
  } catch (e) {
    bad = e.code;
  }
  assert.equal(bad, Code.InvalidArgument);
});
