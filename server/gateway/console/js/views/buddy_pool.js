// Parts of the buddy matching page that only show: the volunteer pool with
// each buddy's load (open matches out of capacity), the newcomers in the
// caseload without a buddy, and a match's score breakdown.
import {h} from '../dom.js';
import {addStrings, formatDate, t} from '../i18n.js';
import {municipalityName} from '../municipalities.js';

addStrings({
  en: {
    'pool.heading': 'Volunteer buddies',
    'pool.none': 'No buddies in the pool yet. Invite one as an advisor.',
    'pool.name': 'Buddy',
    'pool.languages': 'Languages',
    'pool.where': 'Lives in',
    'pool.load': 'Load',
    'pool.loadOf': '{n} of {max}',
    'pool.status': 'Status',
    'pool.paused': 'Paused',
    'pool.full': 'Full',
    'pool.free': '{n} free',
    'pool.until': 'until {date}',
    'pool.noLanguages': 'Profile not filled in',
    'nobuddy.heading': 'Newcomers without a buddy',
    'nobuddy.hint': 'Open journeys in the caseload with no proposed or accepted buddy. '
        + 'Newcomers enter a matching run once they have set their preferences in the app.',
    'nobuddy.none': 'Every newcomer in the caseload has a buddy or a proposal.',
    'nobuddy.name': 'Newcomer',
    'nobuddy.day': 'Day',
    'nobuddy.where': 'Municipality',
    'score.languages': 'Languages',
    'score.interests': 'Interests',
    'score.distance': 'Distance',
    'score.profession': 'Profession',
    'score.household': 'Household',
    'score.total': 'Total',
  },
  nl: {
    'pool.heading': 'Vrijwillige buddy’s',
    'pool.none': 'Nog geen buddy’s in de pool. Nodig er een uit als adviseur.',
    'pool.name': 'Buddy',
    'pool.languages': 'Talen',
    'pool.where': 'Woont in',
    'pool.load': 'Belasting',
    'pool.loadOf': '{n} van {max}',
    'pool.status': 'Status',
    'pool.paused': 'Gepauzeerd',
    'pool.full': 'Vol',
    'pool.free': '{n} vrij',
    'pool.until': 'tot {date}',
    'pool.noLanguages': 'Profiel niet ingevuld',
    'nobuddy.heading': 'Nieuwkomers zonder buddy',
    'nobuddy.hint': 'Open trajecten in de caseload zonder voorgestelde of geaccepteerde buddy. '
        + 'Nieuwkomers doen mee aan een koppelronde zodra ze hun voorkeuren in de app hebben ingevuld.',
    'nobuddy.none': 'Elke nieuwkomer in de caseload heeft een buddy of een voorstel.',
    'nobuddy.name': 'Nieuwkomer',
    'nobuddy.day': 'Dag',
    'nobuddy.where': 'Gemeente',
    'score.languages': 'Talen',
    'score.interests': 'Interesses',
    'score.distance': 'Afstand',
    'score.profession': 'Beroep',
    'score.household': 'Huishouden',
    'score.total': 'Totaal',
  },
});

const PARTS = ['languages', 'interests', 'distance', 'profession', 'household'];

// "Languages 20 · Interests 5 · … = 51" as a list screen readers read part
// by part.
export function scoreBreakdown(score = {}) {
  return h('ul', {class: 'score'},
      PARTS.map((p) => h('li', {}, `${t('score.' + p)} ${score[p] || 0}`)),
      h('li', {class: 'score-total'}, `${t('score.total')} ${score.total || 0}`));
}

export function open(match) {
  return match.state === 'MATCH_STATE_PROPOSED' || match.state === 'MATCH_STATE_ACCEPTED';
}

function status(b) {
  if (b.paused) return h('span', {class: 'badge neutral'}, t('pool.paused'));
  const free = (b.capacity || 0) - (b.activeMatches || 0);
  const badge = free > 0 ? h('span', {class: 'badge ok'}, t('pool.free', {n: free}))
                         : h('span', {class: 'badge warn'}, t('pool.full'));
  return b.availableUntil
      ? [badge, ' ', h('span', {class: 'muted'},
                      t('pool.until', {date: formatDate(b.availableUntil)}))]
      : badge;
}

// The pool, busiest first so overloaded volunteers stand out.
export function poolTable(buddies) {
  if (!buddies.length) return h('p', {}, t('pool.none'));
  const sorted = [...buddies].sort((a, b) =>
      (b.activeMatches || 0) / (b.capacity || 1) - (a.activeMatches || 0) / (a.capacity || 1));
  return h('table', {class: 'data', 'aria-labelledby': 'pool-heading'},
      h('thead', {}, h('tr', {},
          ['pool.name', 'pool.languages', 'pool.where', 'pool.load', 'pool.status']
              .map((k) => h('th', {scope: 'col'}, t(k))))),
      h('tbody', {}, sorted.map((b) => h('tr', {},
          h('th', {scope: 'row'}, b.firstName || '—'),
          h('td', {}, (b.languages || []).length ? b.languages.join(', ')
                                                 : h('span', {class: 'muted'}, t('pool.noLanguages'))),
          h('td', {}, municipalityName(b.municipality)),
          h('td', {class: 'num'}, t('pool.loadOf', {n: b.activeMatches || 0, max: b.capacity || 0})),
          h('td', {}, status(b))))));
}

// Open journeys whose newcomer has no open match, longest waiting first.
export function withoutBuddy(journeys, matches) {
  const matched = new Set(matches.filter(open).map((m) => m.newcomerId));
  return journeys.filter((j) => !j.closeTime && !matched.has(j.newcomerId))
      .sort((a, b) => (b.day || 0) - (a.day || 0));
}

export function noBuddyTable(journeys) {
  if (!journeys.length) return h('p', {}, t('nobuddy.none'));
  return h('table', {class: 'data', 'aria-labelledby': 'nobuddy-heading'},
      h('thead', {}, h('tr', {},
          ['nobuddy.name', 'nobuddy.day', 'nobuddy.where']
              .map((k) => h('th', {scope: 'col', class: k === 'nobuddy.day' ? 'num' : null}, t(k))))),
      h('tbody', {}, journeys.map((j) => h('tr', {},
          h('th', {scope: 'row'}, h('a', {href: `#/journeys/${encodeURIComponent(j.id)}`},
                                     j.newcomerName || '—')),
          h('td', {class: 'num'}, String(j.day || 0)),
          h('td', {}, municipalityName(j.profile?.municipality))))));
}
