// The console's shell: hash routes, the navigation for the signed-in role,
// the language switch, and the return to login when a session ends.
import {call, clearSession, session} from './api.js';
import {h, labelCells, mount, toast} from './dom.js';
import {mayLeave, setDirty} from './guard.js';
import {followUnread, resetUnread} from './inbox_feed.js';
import {locale, setLocale, t} from './i18n.js';
import {routes} from './routes.js';
import {mountSearch, relabelSearch} from './search.js';
import {matchRoute, parseHash} from './router.js';

const main = document.getElementById('main');


export function homeFor(role) {
  const first = routes.find((r) => r.nav && r.roles && r.roles.includes(role));
  return first ? `#${first.path}` : '#/login';
}

function renderChrome() {
  const s = session();
  document.documentElement.lang = locale();
  document.getElementById('lang-select').value = locale();
  document.getElementById('lang-label').textContent = t('app.language');
  document.querySelector('.skip-link').textContent = t('app.skip');
  const signOut = document.getElementById('sign-out');
  signOut.textContent = t('app.signOut');
  signOut.hidden = !s;
  document.getElementById('who').textContent =
      s ? `${s.member.displayName} · ${t('role.' + s.member.role)}` : '';
  const search = document.getElementById('search-slot');
  search.hidden = !s;
  if (s) mountSearch(search);
  relabelSearch();
  const inbox = document.getElementById('inbox-link');
  inbox.hidden = !s;
  document.getElementById('inbox-text').textContent = t('nav.inbox');
  if (s) followUnread(showUnread);
  const current = location.hash || '#/';
  const items = s ? routes.filter((r) => r.nav && r.roles.includes(s.member.role)) : [];
  mount(document.getElementById('nav'),
        h('ul', {}, items.map((r) => h('li', {},
            h('a', {href: `#${r.path}`,
                    'aria-current': current.startsWith(`#${r.path}`) ? 'page' : false},
              t(r.nav))))));
}

// The header's unread count: a number badge, and the whole count in the
// link's accessible name.
function showUnread(count) {
  const badge = document.getElementById('inbox-count');
  badge.textContent = String(count);
  badge.hidden = !count;
  document.getElementById('inbox-link').setAttribute(
      'aria-label', count ? t('nav.inboxCount', {n: count}) : t('nav.inbox'));
}

let renderSeq = 0;
// The address of the page on screen, restored when leaving it is declined.
let shownHash = location.hash;

// `focus`: after a navigation, where the keyboard focus goes: the field of
// the same name when a filter inside the page changed the address, the
// page's [autofocus] control, or the main region.
async function render(focus = {}) {
  renderChrome();
  const {parts, query} = parseHash();
  const found = matchRoute(routes, parts);
  const s = session();
  if (!found) {
    mount(main, h('p', {}, t('app.notFound')));
    return;
  }
  const {route, params} = found;
  if (route.roles && !s) {
    location.hash = '#/login';
    return;
  }
  if (route.roles && !route.roles.includes(s.member.role)) {
    location.hash = homeFor(s.member.role);
    return;
  }
  // A view renders into its own element, shown only if no later navigation
  // started meanwhile (a slow page must not replace a newer one).
  const seq = ++renderSeq;
  shownHash = location.hash;
  setDirty(false);
  const view = h('div', {class: 'view'});
  mount(main, h('p', {class: 'loading'}, t('app.loading')));
  try {
    const module = await route.view();
    await module.render(view, {params, query, session: s});
    if (seq !== renderSeq) return;
    mount(main, view);
    const same = focus.name && view.querySelector(`[name="${CSS.escape(focus.name)}"]`);
    const target = same || view.querySelector('[autofocus]');
    if (target) target.focus();
    else if (focus.main) main.focus({preventScroll: true});
    document.title = `${t(route.title || route.nav || 'app.title')} · Welkom`;
  } catch (e) {
    if (e && e.code === 'unauthenticated') return;  // the expiry handler runs
    if (seq !== renderSeq) return;
    mount(main, h('div', {class: 'error', role: 'alert'}, e.message || String(e)),
          h('button', {type: 'button', onclick: () => render()}, t('app.retry')));
  }
}

window.addEventListener('hashchange', async () => {
  const active = document.activeElement;
  const inPage = active && main.contains(active) && active.name;
  const target = location.hash;
  if (target === shownHash) return;
  // replaceState fires no hashchange: the page stays while the person decides.
  history.replaceState(null, '', shownHash || '#/');
  if (!(await mayLeave())) return;
  history.replaceState(null, '', target);
  render(inPage ? {name: active.name} : {main: true});
});
// Tables turn into cards on a phone: each cell shows its column's name.
new MutationObserver(() => labelCells(main)).observe(main, {childList: true, subtree: true});
window.addEventListener('welkom:session-expired', () => {
  toast(t('app.expired'));
  location.hash = '#/login?expired=1';
});
document.getElementById('lang-select').addEventListener('change', async (e) => {
  const chosen = e.target.value;
  if (!(await mayLeave())) {
    e.target.value = locale();
    return;
  }
  setLocale(chosen);
  render();
});
document.getElementById('sign-out').addEventListener('click', async () => {
  if (!(await mayLeave())) return;
  // The session ends here at once and the server is told in the background
  // (the call has taken the token), so signing in again cannot race it.
  // Signing out locally is what matters; the session expires anyway.
  call('IdentityService', 'Logout', {}).catch(() => {});
  clearSession();
  resetUnread();
  location.hash = '#/login';
  render();
});

render();
