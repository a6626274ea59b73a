// The newcomers a console user follows: HR sees its employer's journeys,
// advisors the regional caseload (journeys whose newcomer consented), with
// filters for overdue legal steps, low check-ins, no buddy after 14 days,
// municipality and employer. Filters live in the hash query, so a filtered
// list can be bookmarked and the back button restores it.
import {listAll} from '../api.js';
import {h, mount} from '../dom.js';
import {field} from '../form.js';
import {addStrings, t} from '../i18n.js';
import {municipalityName} from '../municipalities.js';

addStrings({
  en: {
    'newcomers.heading': 'Newcomers',
    'caseload.heading': 'Regional caseload',
    'newcomers.name': 'Newcomer',
    'newcomers.employer': 'Employer',
    'newcomers.municipality': 'Municipality',
    'newcomers.day': 'Days since arrival',
    'newcomers.arrivesIn': 'arrives in {n} days',
    'newcomers.progress': 'Progress',
    'newcomers.attention': 'Attention',
    'newcomers.none': 'No newcomers yet. Invite one to start a journey.',
    'newcomers.noneMatch': 'No newcomer matches these filters.',
    'newcomers.overdue': '{n} overdue',
    'newcomers.flagged': 'Low check-in',
    'newcomers.noBuddy': 'No buddy yet',
    'newcomers.closed': 'Closed',
    'newcomers.onTrack': 'On track',
    'newcomers.invite': 'Invite a newcomer',
    'newcomers.count': '{n} of {total} newcomers',
    'newcomers.progressLabel': '{n}% of steps done',
    'filter.legend': 'Filters',
    'filter.legalOverdue': 'Overdue legal step',
    'filter.lowCheckin': 'Low check-in',
    'filter.noBuddy': 'No buddy after 14 days',
    'filter.municipality': 'Municipality',
    'filter.employer': 'Employer',
    'filter.any': 'Any',
  },
  nl: {
    'newcomers.heading': 'Nieuwkomers',
    'caseload.heading': 'Regionale caseload',
    'newcomers.name': 'Nieuwkomer',
    'newcomers.employer': 'Werkgever',
    'newcomers.municipality': 'Gemeente',
    'newcomers.day': 'Dagen sinds aankomst',
    'newcomers.arrivesIn': 'komt over {n} dagen',
    'newcomers.progress': 'Voortgang',
    'newcomers.attention': 'Aandacht',
    'newcomers.none': 'Nog geen nieuwkomers. Nodig er een uit om een traject te starten.',
    'newcomers.noneMatch': 'Geen nieuwkomer voldoet aan deze filters.',
    'newcomers.overdue': '{n} te laat',
    'newcomers.flagged': 'Lage check-in',
    'newcomers.noBuddy': 'Nog geen buddy',
    'newcomers.closed': 'Afgesloten',
    'newcomers.onTrack': 'Op schema',
    'newcomers.invite': 'Nieuwkomer uitnodigen',
    'newcomers.count': '{n} van {total} nieuwkomers',
    'newcomers.progressLabel': '{n}% van de stappen klaar',
    'filter.legend': 'Filters',
    'filter.legalOverdue': 'Wettelijke stap te laat',
    'filter.lowCheckin': 'Lage check-in',
    'filter.noBuddy': 'Geen buddy na 14 dagen',
    'filter.municipality': 'Gemeente',
    'filter.employer': 'Werkgever',
    'filter.any': 'Alle',
  },
});

const FLAGS = [['legal', 'filter.legalOverdue'], ['checkin', 'filter.lowCheckin'],
               ['buddy', 'filter.noBuddy']];

export function progressBar(percent) {
  const label = t('newcomers.progressLabel', {n: percent});
  // Through the CSSOM: the page's CSP forbids style attributes.
  const fill = h('span');
  fill.style.width = `${percent}%`;
  return h('div', {class: 'progress'},
      h('div', {class: 'progress-bar', role: 'progressbar', 'aria-valuemin': 0,
                'aria-valuemax': 100, 'aria-valuenow': percent, 'aria-label': label},
        fill),
      h('span', {class: 'num'}, `${percent}%`));
}

// Per journey id: has an overdue legal step / an overdue buddy introduction
// (due 14 days after arrival, so overdue means no buddy after 14 days).
async function overdueFacts() {
  const steps = await listAll('JourneyService', 'ListOverdue', {}, 'steps', 5000);
  const legal = new Set();
  const noBuddy = new Set();
  for (const s of steps) {
    if (s.step.legal) legal.add(s.journeyId);
    if (s.step.key === 'buddy_introduced') noBuddy.add(s.journeyId);
  }
  return {legal, noBuddy};
}

function attention(j, facts) {
  const badges = [];
  if (j.closeTime) badges.push(h('span', {class: 'badge neutral'}, t('newcomers.closed')));
  if (j.overdueCount) {
    badges.push(h('span', {class: 'badge bad'}, t('newcomers.overdue', {n: j.overdueCount})));
  }
  if (j.flagged) badges.push(h('span', {class: 'badge warn'}, t('newcomers.flagged')));
  if (facts.noBuddy.has(j.id)) {
    badges.push(h('span', {class: 'badge warn'}, t('newcomers.noBuddy')));
  }
  if (!badges.length) badges.push(h('span', {class: 'badge ok'}, t('newcomers.onTrack')));
  return badges;
}

function applyFilters(journeys, query, facts) {
  return journeys.filter((j) =>
    (!query.get('legal') || facts.legal.has(j.id)) &&
    (!query.get('checkin') || j.flagged) &&
    (!query.get('buddy') || facts.noBuddy.has(j.id)) &&
    (!query.get('municipality') || j.profile?.municipality === query.get('municipality')) &&
    (!query.get('employer') || j.employerOrgId === query.get('employer')));
}

function filterForm(journeys, query, employers) {
  const go = (form) => {
    const q = new URLSearchParams();
    for (const [name] of FLAGS) if (form.elements[name].checked) q.set(name, '1');
    for (const name of ['municipality', 'employer']) {
      if (form.elements[name].value) q.set(name, form.elements[name].value);
    }
    location.hash = `#/newcomers?${q}`;
  };
  const municipalities = [...new Set(journeys.map((j) => j.profile?.municipality)
                                         .filter(Boolean))].sort();
  const employerIds = [...new Set(journeys.map((j) => j.employerOrgId))];
  const form = h('form', {class: 'filters card', 'aria-label': t('filter.legend'),
                          onchange: (e) => go(e.currentTarget),
                          onsubmit: (e) => { e.preventDefault(); go(e.currentTarget); }},
      FLAGS.map(([name, key]) => h('label', {class: 'check'},
          h('input', {type: 'checkbox', name, checked: !!query.get(name)}), t(key))),
      field(t('filter.municipality'), {name: 'municipality', value: query.get('municipality') || '',
            options: [['', t('filter.any')],
                      ...municipalities.map((m) => [m, municipalityName(m)])]}),
      field(t('filter.employer'), {name: 'employer', value: query.get('employer') || '',
            options: [['', t('filter.any')],
                      ...employerIds.map((id) => [id, employers.get(id) || id])
                          .sort((a, b) => a[1].localeCompare(b[1]))]}));
  return form;
}

export async function render(main, {query, session}) {
  const advisor = session.member.role !== 'ROLE_HR';
  const [journeys, facts, orgs] = await Promise.all([
    listAll('JourneyService', 'ListJourneys', {}, 'journeys', 5000),
    overdueFacts(),
    advisor ? listAll('IdentityService', 'ListOrganizations', {}, 'organizations')
            : Promise.resolve([session.organization].filter(Boolean)),
  ]);
  const employers = new Map(orgs.map((o) => [o.id, o.name]));
  const shown = advisor ? applyFilters(journeys, query, facts) : journeys;
  shown.sort((a, b) => (b.overdueCount || 0) - (a.overdueCount || 0) ||
                       (b.day || 0) - (a.day || 0));
  const columns = ['newcomers.name', advisor ? 'newcomers.employer' : null,
                   'newcomers.municipality', 'newcomers.day', 'newcomers.progress',
                   'newcomers.attention'].filter(Boolean);
  mount(main,
      h('div', {class: 'page-head'},
        h('h1', {}, t(advisor ? 'caseload.heading' : 'newcomers.heading')),
        advisor ? null : h('a', {class: 'button primary', href: '#/invite'},
                            t('newcomers.invite'))),
      advisor ? filterForm(journeys, query, employers) : null,
      journeys.length === 0 ? h('p', {}, t('newcomers.none')) :
      shown.length === 0 ? h('p', {role: 'status'}, t('newcomers.noneMatch')) : [
        h('p', {class: 'muted', role: 'status'},
          t('newcomers.count', {n: shown.length, total: journeys.length})),
        h('table', {class: 'data'},
          h('thead', {}, h('tr', {}, columns.map((k) =>
              h('th', {scope: 'col', class: k === 'newcomers.day' ? 'num' : null}, t(k))))),
          h('tbody', {}, shown.map((j) => h('tr', {},
            h('th', {scope: 'row'},
              h('a', {href: `#/journeys/${encodeURIComponent(j.id)}`}, j.newcomerName)),
            advisor ? h('td', {}, employers.get(j.employerOrgId) || '—') : null,
            h('td', {}, municipalityName(j.profile?.municipality)),
            h('td', {class: 'num'}, (j.day || 0) < 0
                ? t('newcomers.arrivesIn', {n: -j.day}) : String(j.day || 0)),
            h('td', {}, progressBar(j.progressPercent || 0)),
            h('td', {}, attention(j, facts))))))],
  );
}
