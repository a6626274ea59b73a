// The console's client for welkomd's Connect JSON mapping:
//   const resp = await call('IdentityService', 'WhoAmI', {});
// Errors throw ApiError with the server's Connect code and message. An
// `unauthenticated` answer to a signed-in call ends the session and fires
// 'welkom:session-expired' so the app returns to the login page.
import {locale} from './i18n.js';

const KEY = 'welkom.session';

export class ApiError extends Error {
  constructor(code, message) {
    super(message || code);
    this.code = code;
  }
}

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY)) || null;
  } catch {
    return null;
  }
}

export function saveSession(value) {
  sessionStorage.setItem(KEY, JSON.stringify(value));
}

export function clearSession() {
  sessionStorage.removeItem(KEY);
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
    if (error.code === 'unauthenticated' && current && current.token) {
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
