// What the app keeps on this device so it reads offline: the last answer
// of each read (the journey, inbox, events, classes, buddy, cohort) with
// the time it was fetched, in localStorage under the signed-in member.
//   const {value, offline, fetchedAt} = await read('journey', () => call(...));
// Online the server answers and the copy is replaced; when the server
// cannot be reached the copy answers (offline: true), or the error is
// thrown if there is none.
import {session} from '/js/api.js';

const PREFIX = 'welkom.app.copy.';

function key(name) {
  const s = session();
  return `${PREFIX}${s ? s.member.id : 'anonymous'}.${name}`;
}

export function isNetworkError(e) {
  return e && e.code === 'unavailable';
}

export function copyOf(name) {
  try {
    return JSON.parse(localStorage.getItem(key(name))) || null;
  } catch {
    return null;
  }
}

export function keep(name, value) {
  localStorage.setItem(
      key(name), JSON.stringify({value, fetchedAt: Date.now()}));
}

export async function read(name, fetcher) {
  try {
    const value = await fetcher();
    keep(name, value);
    return {value, offline: false, fetchedAt: Date.now()};
  } catch (e) {
    if (!isNetworkError(e)) throw e;
    const copy = copyOf(name);
    if (!copy) throw e;
    return {value: copy.value, offline: true, fetchedAt: copy.fetchedAt};
  }
}

// Forgets every copy of this device (sign-out).
export function forgetAll() {
  for (let i = localStorage.length - 1; i >= 0; i--) {
    const k = localStorage.key(i);
    if (k && k.startsWith(PREFIX)) localStorage.removeItem(k);
  }
}
