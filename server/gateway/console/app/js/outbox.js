// Changes made in the app go out through this outbox: each is stored with
// its request_id first (localStorage), then sent in order; when the server
// cannot be reached it stays and goes when the browser is back online.
// welkomd applies a request_id once, so a change sent twice (the answer was
// lost) is applied once. A change the server refuses is dropped and its
// reason shown; nothing else is touched.
//   await send('JourneyService', 'UpdateStep', {stepKey, status}, 'Step done');
import {call, session} from '/js/api.js';
import {toast} from '/js/dom.js';
import {reason} from '/js/reasons.js';

import {isNetworkError} from './store.js';

const KEY = 'welkom.app.outbox';
let flushing = null;

function load() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || [];
  } catch {
    return [];
  }
}

function save(entries) {
  localStorage.setItem(KEY, JSON.stringify(entries));
}

// The changes still waiting, oldest first: [{service, method, body, label}].
export function pending() {
  const me = session()?.member.id;
  return load().filter((e) => e.member === me);
}

// Queues a change and tries to send it now. Resolves with the server's
// answer, or null when it was kept for later (offline); rejects with the
// server's refusal (which is not kept).
export async function send(service, method, body, label = method) {
  const entry = {
    id: crypto.randomUUID(),
    member: session()?.member.id,
    service,
    method,
    body: {...body, requestId: crypto.randomUUID()},
    label
  };
  save([...load(), entry]);
  const result = await flush();
  if (result.answers.has(entry.id)) return result.answers.get(entry.id);
  if (result.refused.has(entry.id)) throw result.refused.get(entry.id);
  return null;
}

// Sends what waits, in order, until done or the server is away.
export function flush() {
  if (!flushing) {
    flushing = sendAll().finally(() => {
      flushing = null;
    });
  }
  return flushing;
}

async function sendAll() {
  const answers = new Map();
  const refused = new Map();
  for (;;) {
    const entries = load();
    const me = session()?.member.id;
    const next = entries.find((e) => e.member === me);
    if (!next) break;
    try {
      answers.set(next.id, await call(next.service, next.method, next.body));
    } catch (e) {
      if (isNetworkError(e)) break;
      if (e.code === 'unauthenticated') break;
      refused.set(next.id, e);
      toast(`${next.label}: ${reason(e)}`);
    }
    save(load().filter((e) => e.id !== next.id));
  }
  return {answers, refused};
}

window.addEventListener('online', () => flush());
