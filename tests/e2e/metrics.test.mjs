// /metrics read by the text parser of Prometheus's official Python client
// (Debian's python3-prometheus-client), which nobody on the project wrote:
// the whole exposition parses, and the families a Prometheus user expects
// are there with their types: the standard process_* metrics,
// welkom_build_info, RPCs, HTTP answers by route and status.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, before, test} from 'node:test';
import {startWelkomd} from './harness.mjs';

const PYTHON = process.env.DEBIAN_PYTHON3 || '/usr/bin/python3';

let server;
before(async () => { server = await startWelkomd(); });
after(async () => { await server?.stop(); });

async function families() {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const parsed = JSON.parse(execFileSync(PYTHON, ['prometheus_families.py'], {input: text}));
  return Object.fromEntries(parsed.map((f) => [f.name, f]));
}

test('the exposition parses and holds the standard process metrics', async () => {
  const f = await families();
  // The parser names a counter family without its _total suffix.
  assert.equal(f.process_cpu_seconds?.type, 'counter');
  for (const name of ['process_resident_memory_bytes', 'process_virtual_memory_bytes',
                      'process_open_fds', 'process_max_fds',
                      'process_start_time_seconds']) {
    assert.equal(f[name]?.type, 'gauge', name);
    assert.ok(f[name].samples[0].value > 0, name);
  }
  const started = f.process_start_time_seconds.samples[0].value;
  assert.ok(Math.abs(started - Date.now() / 1000) < 300, `started at ${started}`);
  const build = f.welkom_build_info;
  assert.equal(build?.type, 'gauge');
  assert.equal(build.samples[0].value, 1);
  assert.match(build.samples[0].labels.version, /^\d+\.\d+\.\d+$/);
});

test('RPCs and HTTP answers are counted, failures included', async () => {
  await fetch(`${server.url}/welkom.v1.IdentityService/WhoAmI`,
              {method: 'POST', headers: {'Content-Type': 'text/plain'}, body: '{}'});
  await fetch(`${server.url}/welkom.v1.IdentityService/WhoAmI`,
              {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{}'});
  await fetch(`${server.url}/welkom.v1.IdentityService/Login?encoding=json&message=%7B%7D`);
  const f = await families();
  const http = f.welkom_http_responses;
  assert.equal(http?.type, 'counter');
  const count = (route, code) => http.samples.find((s) => s.name.endsWith('_total') &&
      s.labels.route === route && s.labels.code === String(code))?.value ?? 0;
  assert.equal(count('connect', 415), 1);
  assert.equal(count('connect', 401), 1);
  assert.equal(count('connect_get', 405), 1);
  assert.ok(count('metrics', 200) >= 1);
  const rpc = f.welkom_rpc_requests;
  assert.equal(rpc?.type, 'counter');
  assert.ok(rpc.samples.some((s) => s.labels.method === '/welkom.v1.IdentityService/WhoAmI' &&
                                    s.labels.code === 'unauthenticated'));
  assert.equal(f.welkom_rpc_duration_seconds?.type, 'histogram');
  assert.ok(f.welkom_rpc_duration_seconds.samples.some((s) => s.labels.le === '+Inf'));
});
