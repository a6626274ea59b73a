// The app's shell: the session kept on this device, hash routes, the tabs
// for the signed-in role, the language switch and the offline banner.
import {session, useSessionStore} from '/js/api.js';
import {h, mount, toast} from '/js/dom.js';
import {addStrings, locale, setLocale, t} from '/js/i18n.js';
import {followUnread} from '/js/inbox_feed.js';

import {flush} from './outbox.js';
import {routes} from './routes.js';
import {matchRoute, parseHash} from '/js/router.js';
import {APP_SESSION_KEY} from './session.js';

useSessionStore(localStorage, APP_SESSION_KEY);

addStrings({
  en: {
    'shell.offline':
        'Offline — showing the copy from {time}. Changes are sent when you are back online.',
    'shell.offlineNoCopy':
        'Offline — changes are sent when you are back online.'
  },
  nl: {
    'shell.offline':
        'Offline — je ziet de kopie van {time}. Wijzigingen gaan mee zodra je weer online bent.',
    'shell.offlineNoCopy':
        'Offline — wijzigingen gaan mee zodra je weer online bent.'
  },
});

const main = document.getElementById('main');

export function homePath(role) {
  const first = routes.filter((r) => r.tab && r.roles.includes(role))
                    .sort((a, b) => (a.order ?? 5) - (b.order ?? 5))[0];
  return first ? `#${first.path}` : '#/login';
}


// The offline banner; `copyTime` is when the shown copy was fetched.
export function showOffline(offline, copyTime) {
  const banner = document.getElementById('offline');
  banner.hidden = !offline;
  if (offline) {
    banner.textContent = copyTime ? t('shell.offline', {
      time: new Date(copyTime).toLocaleString(
          locale() === 'nl' ? 'nl-NL' : 'en-GB', {
            weekday: 'short',
            day: 'numeric',
            month: 'short',
            hour: '2-digit',
            minute: '2-digit'
          })
    }) :
                                    t('shell.offlineNoCopy');
  }
}

// The Inbox tab shows the unread count, live (/js/inbox_feed.js).
let unread = 0;
let followingUnread = false;

function unreadBadge(route) {
  if (route.path !== '/inbox' || unread === 0) return null;
  return h('span', {class: 'tab-count', dataset: {unread: String(unread)}},
           ` ${unread}`,
           h('span', {class: 'visually-hidden'}, ` ${t('tab.unread')}`));
}

function followUnreadOnce() {
  if (followingUnread) return;
  followingUnread = true;
  followUnread((count) => {
    unread = count;
    renderTabs(session());
  });
}

function renderTabs(s) {
  const tabs = document.getElementById('tabs');
  const items = s ?
      routes.filter((r) => r.tab && r.roles.includes(s.member.role))
          .sort((a, b) => (a.order ?? 5) - (b.order ?? 5)) :
      [];
  tabs.hidden = items.length === 0;
  const current = parseHash().parts[0] || '';
  mount(
      tabs,
      items.map(
          (r) =>
              h('a', {
                href: `#${r.path}`,
                'aria-current': r.path.split('/')[1] === current ? 'page' :
                                                                   false,
              },
                t(r.tab), unreadBadge(r))));
}

let renderSeq = 0;

export async function render() {
  document.documentElement.lang = locale();
  document.getElementById('lang-select').value = locale();
  document.getElementById('lang-label').textContent = t('app.language');
  document.querySelector('.skip-link').textContent = t('app.skip');
  const s = session();
  const {parts, query} = parseHash();
  const found = matchRoute(routes, parts);
  if (!found) {
    location.replace(s ? homePath(s.member.role) : '#/login');
    return;
  }
  const {route, params} = found;
  if (route.roles && (!s || !route.roles.includes(s.member.role))) {
    location.replace(s ? homePath(s.member.role) : '#/login');
    return;
  }
  if (s) followUnreadOnce();
  renderTabs(s);
  showOffline(!navigator.onLine);
  const seq = ++renderSeq;
  const view = h('div', {class: 'view'});
  try {
    const module = await route.view();
    await module.render(view, {params, query, session: s});
    if (seq !== renderSeq) return;
    mount(main, view);
    const target = view.querySelector('[autofocus]');
    if (target) target.focus();
  } catch (e) {
    if (e && e.code === 'unauthenticated') return;
    if (seq !== renderSeq) return;
    mount(
        main, h('div', {class: 'error', role: 'alert'}, e.message || String(e)),
        h('button', {type: 'button', onclick: () => render()}, t('app.retry')));
  }
}

window.addEventListener('hashchange', () => render());
window.addEventListener('welkom:session-expired', () => {
  toast(t('app.expired'));
  location.hash = '#/login';
});
document.getElementById('lang-select').addEventListener('change', (e) => {
  setLocale(e.target.value);
  render();
});
// Installable and readable offline: the service worker keeps the files.
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/app/sw.js', {scope: '/app/'})
      .catch(() => {});
}
// Changes kept while offline go out when the browser is back, and the page
// shows the server's state after them.
window.addEventListener('online', () => flush().then(() => render()));
window.addEventListener('offline', () => showOffline(true));
render();
if (session()) {
  flush().then((sent) => {
    if (sent.answers.size || sent.refused.size) render();
  });
}
