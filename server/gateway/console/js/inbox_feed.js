// The signed-in person's unread count, kept fresh for the header:
//   const stop = followUnread((count) => badge.textContent = count);
//   refreshUnread();   // after marking something read
// A new notification arrives live over NotificationService.Watch (Connect
// streaming), resuming after the newest id seen; reads made elsewhere
// (another tab, the app) are picked up by a ListNotifications every 30 s,
// on every page change and when the tab becomes visible.
import {call, session, stream} from './api.js';

const POLL_MS = 30000;
const listeners = new Set();
let timer = 0;
let last = null;
let newestId = null;
let watching = null;  // the token the live stream was opened with

async function poll() {
  if (!session()) return;
  try {
    const resp = await call('NotificationService', 'ListNotifications', {pageSize: 1});
    const top = resp.notifications?.[0];
    if (newestId === null) newestId = top ? top.id : '0';
    if (session()) watch();
    const count = resp.unreadCount || 0;
    if (count !== last) {
      last = count;
      for (const fn of listeners) fn(count);
    }
  } catch {
    // Offline or signed out meanwhile: the next round tries again.
  }
}

// One live Watch per session; ended by sign-out or a network drop, then
// opened again after a pause (from the newest id seen, so nothing is lost).
async function watch() {
  const token = session()?.token;
  if (!token || watching === token || newestId === null) return;
  watching = token;
  try {
    await stream('NotificationService', 'Watch', {afterId: newestId}, (n) => {
      newestId = n.id;
      poll();
    });
  } catch {
    // Ended (offline, signed out, server stopping): try again below.
  }
  if (watching !== token) return;
  watching = null;
  setTimeout(() => { if (session()?.token === token) watch(); }, 5000);
}

export function refreshUnread() {
  return poll();
}

export function followUnread(onChange) {
  listeners.add(onChange);
  if (last !== null) onChange(last);
  if (!timer) {
    timer = setInterval(poll, POLL_MS);
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'visible') poll();
    });
  }
  poll();
  return () => listeners.delete(onChange);
}

// Forgets the count (sign-out), so the next person starts from nothing.
export function resetUnread() {
  last = null;
  newestId = null;
  watching = null;
  for (const fn of listeners) fn(0);
}
