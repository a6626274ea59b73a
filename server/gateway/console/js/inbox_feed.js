// The signed-in person's unread count, kept fresh for the header:
//   const stop = followUnread((count) => badge.textContent = count);
//   refreshUnread();   // after marking something read
// Today this polls NotificationService.ListNotifications every 30 s (and
// at once when the tab becomes visible). When the gateway streams
// NotificationService.Watch, only this file changes.
import {call, session} from './api.js';

const POLL_MS = 30000;
const listeners = new Set();
let timer = 0;
let last = null;

async function poll() {
  if (!session()) return;
  try {
    const resp = await call('NotificationService', 'ListNotifications',
                            {pageSize: 1, unreadOnly: true});
    const count = resp.unreadCount || 0;
    if (count !== last) {
      last = count;
      for (const fn of listeners) fn(count);
    }
  } catch {
    // Offline or signed out meanwhile: the next round tries again.
  }
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
  for (const fn of listeners) fn(0);
}
