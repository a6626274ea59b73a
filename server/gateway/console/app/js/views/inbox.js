// The inbox: notifications newest first, unread marked, "mark all read";
// new ones appear while the page is open (the unread count follows
// NotificationService.Watch live, /js/inbox_feed.js, and a change of it
// lists again), and the list reads offline from the last copy.
import {call} from '/js/api.js';
import {h, mount} from '/js/dom.js';
import {addStrings, t} from '/js/i18n.js';
import {followUnread, refreshUnread} from '/js/inbox_feed.js';

import {showOffline} from '../main.js';
import {send} from '../outbox.js';
import {read} from '../store.js';
import {dateTime, text} from '../words.js';

addStrings({
  en: {
    'inbox.heading': 'Inbox',
    'inbox.none': 'No messages yet.',
    'inbox.unread': '{n} unread',
    'inbox.readAll': 'Mark all read',
    'inbox.new': 'new'
  },
  nl: {
    'inbox.heading': 'Berichten',
    'inbox.none': 'Nog geen berichten.',
    'inbox.unread': '{n} ongelezen',
    'inbox.readAll': 'Alles gelezen',
    'inbox.new': 'nieuw'
  },
});

let unfollow = () => {};

export async function render(main) {
  unfollow();
  const {value, offline, fetchedAt} = await read(
      'inbox',
      () => call('NotificationService', 'ListNotifications', {pageSize: 100}));
  showOffline(offline, fetchedAt);
  const items = value.notifications || [];
  const unread = items.filter((n) => !n.readTime);
  const readAll =
      h('button', {
        type: 'button',
        onclick: async (e) => {
          e.target.disabled = true;
          const top = Math.max(0, ...items.map((n) => Number(n.id)));
          await send(
              'NotificationService', 'MarkRead', {upToId: String(top)},
              t('inbox.readAll'))
              .catch(() => {});
          await render(main);
          refreshUnread();
        }
      },
        t('inbox.readAll'));
  mount(
      main,
      h('div', {class: 'page-head'}, h('h1', {}, t('inbox.heading')),
        unread.length ? readAll : null),
      h('p', {class: 'muted', 'aria-live': 'polite'},
        t('inbox.unread', {n: unread.length})),
      items.length === 0 ?
          h('p', {}, t('inbox.none')) :
          h('ul', {class: 'list-plain', dataset: {inbox: ''}},
            items.map(
                (n) =>
                    h('li',
                      {class: 'card', dataset: {notification: String(n.id)}},
                      h('h3', {}, text(n.title),
                        n.readTime ? null :
                                     h('span', {class: 'badge bad'},
                                       ` ${t('inbox.new')}`)),
                      text(n.body) ? h('p', {}, text(n.body)) : null,
                      h('p', {class: 'muted'}, dateTime(n.createTime))))));
  // Live: list again when the unread count changes (a new notification, or
  // reads made elsewhere) while this page is the one shown. The first count
  // heard only sets the baseline: an offline copy's count may differ from it.
  const shownAt = location.hash;
  let heard;
  unfollow = followUnread((count) => {
    const changed = heard !== undefined && count !== heard;
    heard = count;
    if (!changed) return;
    if (location.hash === shownAt && main.isConnected) {
      render(main).catch(() => {});
    } else {
      unfollow();
    }
  });
}
