// The header's search: newcomers (name, municipality and, for advisors,
// employer) and members (name, e-mail) as you type, within what the role
// may see: the server filters (ListJourneys and ListMembers `query`), so a
// result is never one the person could not open. Enter opens the first
// result; Escape closes the list.
import {call, session} from './api.js';
import {h, mount} from './dom.js';
import {addStrings, t} from './i18n.js';
import {municipalityName} from './municipalities.js';

addStrings({
  en: {
    'search.label': 'Search',
    'search.placeholder': 'Name, municipality, e-mail…',
    'search.newcomers': 'Newcomers',
    'search.members': 'Members',
    'search.none': 'Nothing found for “{q}”.',
    'search.allMembers': 'All members matching “{q}”',
    'search.day': 'day {n}',
  },
  nl: {
    'search.label': 'Zoeken',
    'search.placeholder': 'Naam, gemeente, e-mail…',
    'search.newcomers': 'Nieuwkomers',
    'search.members': 'Leden',
    'search.none': 'Niets gevonden voor “{q}”.',
    'search.allMembers': 'Alle leden met “{q}”',
    'search.day': 'dag {n}',
  },
});

const JOURNEY_ROLES = ['ROLE_HR', 'ROLE_ADVISOR'];
const SHOWN = 6;
const WAIT_MS = 200;  // after the last key, so typing sends one call

// The server's bound (store/search.h): longer input is cut, not refused.
function trimmed(text) {
  return text.trim().split(/\s+/).slice(0, 4).join(' ').slice(0, 100);
}

async function find(q) {
  const s = session();
  if (!s) return {journeys: [], members: []};
  const [journeys, members] = await Promise.all([
    JOURNEY_ROLES.includes(s.member.role)
        ? call('JourneyService', 'ListJourneys', {query: q, pageSize: SHOWN})
        : Promise.resolve({}),
    call('IdentityService', 'ListMembers', {query: q, pageSize: SHOWN}),
  ]);
  // A newcomer found by name shows once, as the journey to open.
  const withJourney = JOURNEY_ROLES.includes(s.member.role);
  return {journeys: journeys.journeys || [],
          members: (members.members || []).filter((m) =>
            !(withJourney && m.role === 'ROLE_NEWCOMER'))};
}

function resultList(q, {journeys, members}) {
  if (!journeys.length && !members.length) {
    return h('p', {class: 'search-none', role: 'status'}, t('search.none', {q}));
  }
  const section = (title, items) => {
    const shown = items.filter(Boolean);
    return shown.length ? h('section', {}, h('h2', {}, title), h('ul', {}, shown)) : null;
  };
  return [
    section(t('search.newcomers'), journeys.map((j) => h('li', {},
        h('a', {href: `#/journeys/${encodeURIComponent(j.id)}`},
          h('span', {class: 'search-name'}, j.newcomerName),
          h('span', {class: 'muted'}, ` · ${municipalityName(j.profile?.municipality)}` +
            ` · ${t('search.day', {n: j.day || 0})}`))))),
    section(t('search.members'), [
      ...members.map((m) => h('li', {},
          h('a', {href: `#/members?q=${encodeURIComponent(m.email)}`},
            h('span', {class: 'search-name'}, m.displayName),
            h('span', {class: 'muted'}, ` · ${t('role.' + m.role)} · ${m.email}`)))),
      members.length ? h('li', {}, h('a', {href: `#/members?q=${encodeURIComponent(q)}`},
          t('search.allMembers', {q}))) : null]),
  ];
}

// Builds the search form into `slot` (once); renderChrome shows it only to
// a signed-in person.
export function mountSearch(slot) {
  if (slot.firstChild) return;
  const results = h('div', {class: 'search-results', id: 'search-results', hidden: true});
  const input = h('input', {type: 'search', id: 'search-input', name: 'q',
                            autocomplete: 'off', placeholder: t('search.placeholder'),
                            'aria-controls': 'search-results'});
  let timer = null;
  let seq = 0;
  const close = () => { results.hidden = true; };
  const run = async () => {
    const q = trimmed(input.value);
    const mine = ++seq;
    if (!q) { close(); return; }
    try {
      const found = await find(q);
      if (mine !== seq) return;  // a later key's answer wins
      mount(results, resultList(q, found));
    } catch (e) {
      if (mine !== seq) return;
      mount(results, h('p', {class: 'error', role: 'alert'}, e.message || String(e)));
    }
    results.hidden = false;
  };
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(run, WAIT_MS);
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') { close(); input.blur(); }
  });
  const form = h('form', {role: 'search', class: 'search',
                          onsubmit: async (e) => {
                            e.preventDefault();
                            clearTimeout(timer);
                            await run();
                            const first = results.querySelector('a');
                            if (first) first.click();
                          }},
      h('label', {for: 'search-input', class: 'visually-hidden', id: 'search-label'},
        t('search.label')),
      input, results);
  // Choosing a result, or clicking elsewhere, closes the list.
  results.addEventListener('click', (e) => {
    if (e.target.closest('a')) { close(); input.value = ''; }
  });
  document.addEventListener('click', (e) => { if (!form.contains(e.target)) close(); });
  mount(slot, form);
}

// The texts again after a change of language.
export function relabelSearch() {
  const label = document.getElementById('search-label');
  if (label) label.textContent = t('search.label');
  const input = document.getElementById('search-input');
  if (input) input.placeholder = t('search.placeholder');
}
