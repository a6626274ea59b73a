// The inbox of a console role: notifications newest first, unread ones
// marked, each opening what it is about (a journey at its step); mark one
// or all read. The header's unread count follows (inbox_feed.js).
import {call} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, showError} from '../form.js';
import {addStrings, formatDateTime, localized, t} from '../i18n.js';
import {refreshUnread} from '../inbox_feed.js';
import {journeyHref} from './today.js';

addStrings({
  en: {
    'inbox.heading': 'Inbox',
    'inbox.none': 'No notifications.',
    'inbox.unread': 'Unread',
    'inbox.markRead': 'Mark read',
    'inbox.markReadLabel': 'Mark “{title}” read',
    'inbox.markAll': 'Mark all read',
    'inbox.allRead': 'All notifications are read.',
    'inbox.count': '{n} unread',
  },
  nl: {
    'inbox.heading': 'Meldingen',
    'inbox.none': 'Geen meldingen.',
    'inbox.unread': 'Ongelezen',
    'inbox.markRead': 'Gelezen',
    'inbox.markReadLabel': '“{title}” als gelezen markeren',
    'inbox.markAll': 'Alles gelezen',
    'inbox.allRead': 'Alle meldingen zijn gelezen.',
    'inbox.count': '{n} ongelezen',
  },
});

function target(subject) {
  const m = /^journey:([^/]+)(?:\/step:(.+))?/.exec(subject || '');
  if (m) return journeyHref(m[1], m[2] || '');
  if (/^match:/.test(subject || '')) return '#/buddies';
  return null;
}

export async function render(main) {
  const box = errorBox();
  const draw = async () => {
    const resp = await call('NotificationService', 'ListNotifications', {pageSize: 200});
    const items = resp.notifications || [];
    const mark = async (body, button) => {
      showError(box, null);
      if (button) button.disabled = true;
      try {
        await call('NotificationService', 'MarkRead', body);
        await refreshUnread();
        await draw();
      } catch (err) {
        if (button) button.disabled = false;
        showError(box, err);
      }
    };
    mount(main,
        h('div', {class: 'page-head'},
          h('h1', {}, t('inbox.heading')),
          resp.unreadCount ? h('button', {type: 'button', onclick: async (e) => {
            await mark({upToId: String(Math.max(...items.map((n) => Number(n.id))))},
                       e.currentTarget);
            toast(t('inbox.allRead'));
          }}, t('inbox.markAll')) : null),
        h('p', {class: 'muted', role: 'status'}, t('inbox.count', {n: resp.unreadCount || 0})),
        box,
        items.length === 0 ? h('p', {}, t('inbox.none')) :
        h('ul', {class: 'today-list inbox'}, items.map((n) => {
          const title = localized(n.title);
          const href = target(n.subject);
          const unread = !n.readTime;
          return h('li', {class: unread ? 'unread' : null, dataset: {id: n.id}},
              unread ? [h('span', {class: 'badge warn'}, t('inbox.unread')), ' '] : null,
              href ? h('a', {href}, title) : h('strong', {}, title),
              h('br'),
              h('span', {class: 'muted'}, localized(n.body), ' · ', formatDateTime(n.createTime)),
              unread ? [' ', h('button', {type: 'button', class: 'small',
                                          'aria-label': t('inbox.markReadLabel', {title}),
                                          onclick: (e) => mark({ids: [n.id]}, e.currentTarget)},
                                 t('inbox.markRead'))] : null);
        })));
  };
  await draw();
}
