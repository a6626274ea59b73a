// The console's client for welkomd's Connect JSON mapping:
//   const resp = await call('IdentityService', 'WhoAmI', {});
// Server-streaming methods (NotificationService.Watch, the live inbox) are
// read with stream(), which speaks the Connect streaming form with fetch():
//   await stream('NotificationService', 'Watch', {afterId: lastId},
//                (n) => { lastId = n.id; show(n); }, {signal});
// Errors throw ApiError with the server's Connect code and message. An
// `unauthenticated` answer to a signed-in call ends the session and fires
// 'welkom:session-expired' so the app returns to the login page.
import {locale} from './i18n.js';

// The console keeps its session for the tab (sessionStorage); the phone app
// calls useSessionStore(localStorage, 'welkom.app.session') first, since a
// newcomer's or buddy's session lasts 90 days.
let store = sessionStorage;
let KEY = 'welkom.session';

export function useSessionStore(storage, key) {
  store = storage;
  KEY = key;
}

export class ApiError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

export function session() {
  try {
    return JSON.parse(store.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

export function saveSession(value) {
  store.setItem(KEY, JSON.stringify(value));
}

export function clearSession() {
  store.removeItem(KEY);
}

export async function call(service, method, body = {}) {
  const current = session();
  const headers = {
    'Content-Type': 'application/json',
    'Accept-Language': locale(),
  };
  if (current && current.token) headers.Authorization = `Bearer ${current.token}`;
  let response;
  try {
    response = await fetch(`/welkom.v1.${service}/${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
    });
  } catch (e) {
    throw new ApiError('unavailable', 'The server cannot be reached.');
  }
  let payload = {};
  try {
    payload = await response.json();
  } catch {
    payload = {};
  }
  if (!response.ok) {
    const error = new ApiError(payload.code || 'unknown',
                               payload.message || response.statusText);
    // Only the session that made the call ends: one signed in since stays.
    const still = session();
    if (error.code === 'unauthenticated' && current && current.token && still &&
        still.token === current.token) {
      clearSession();
      window.dispatchEvent(new CustomEvent('welkom:session-expired'));
    }
    throw error;
  }
  return payload;
}

// Calls a list method page by page until the server's next_page_token is
// empty (the only end-of-list signal), collecting `field`.
export async function listAll(service, method, body, field, limit = 2000) {
  const items = [];
  let pageToken = '';
  do {
    const resp = await call(service, method, {...body, pageSize: 200, pageToken});
    items.push(...(resp[field] || []));
    pageToken = resp.nextPageToken || '';
  } while (pageToken && items.length < limit);
  return items;
}

function envelope(flags, json) {
  const payload = new TextEncoder().encode(JSON.stringify(json));
  const out = new Uint8Array(5 + payload.length);
  out[0] = flags;
  new DataView(out.buffer).setUint32(1, payload.length);
  out.set(payload, 5);
  return out;
}

// Calls a server-streaming method in the Connect streaming form
// (application/connect+json envelopes over one HTTP response) and calls
// onMessage(message) for each message as it arrives. Resolves when the
// server ends the stream without an error; throws ApiError with the Connect
// code otherwise ('deadline_exceeded' after `timeoutMs`, 'unavailable' when
// the server stops or the stream reached its longest time: resume with the
// last id seen), and 'canceled' once `signal` aborts.
export async function stream(service, method, body, onMessage,
                             {signal, timeoutMs} = {}) {
  const current = session();
  const headers = {
    'Content-Type': 'application/connect+json',
    'Accept-Language': locale(),
  };
  if (current && current.token) headers.Authorization = `Bearer ${current.token}`;
  if (timeoutMs) headers['Connect-Timeout-Ms'] = String(timeoutMs);
  let response;
  try {
    response = await fetch(`/welkom.v1.${service}/${method}`, {
      method: 'POST', headers, body: envelope(0, body), signal,
    });
  } catch (e) {
    if (signal && signal.aborted) throw new ApiError('canceled', 'Stopped.');
    throw new ApiError('unavailable', 'The server cannot be reached.');
  }
  if (!response.ok) {
    let payload = {};
    try { payload = await response.json(); } catch { payload = {}; }
    throw new ApiError(payload.code || 'unknown', payload.message || response.statusText);
  }
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = new Uint8Array(0);
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch (e) {
      if (signal && signal.aborted) throw new ApiError('canceled', 'Stopped.');
      throw new ApiError('unavailable', 'The connection was lost.');
    }
    if (chunk.done) throw new ApiError('unavailable', 'The stream ended early.');
    const joined = new Uint8Array(buffer.length + chunk.value.length);
    joined.set(buffer);
    joined.set(chunk.value, buffer.length);
    buffer = joined;
    while (buffer.length >= 5) {
      const length = new DataView(buffer.buffer, buffer.byteOffset).getUint32(1);
      if (buffer.length < 5 + length) break;
      const flags = buffer[0];
      const json = JSON.parse(decoder.decode(buffer.subarray(5, 5 + length)));
      buffer = buffer.subarray(5 + length);
      if (flags & 0x02) {
        reader.cancel().catch(() => {});
        if (!json.error) return;
        const error = new ApiError(json.error.code || 'unknown', json.error.message);
        // Only the session that made the call ends: one signed in since stays.
    const still = session();
    if (error.code === 'unauthenticated' && current && current.token && still &&
        still.token === current.token) {
          clearSession();
          window.dispatchEvent(new CustomEvent('welkom:session-expired'));
        }
        throw error;
      }
      onMessage(json);
    }
  }
}
