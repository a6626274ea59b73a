// Today: what needs the signed-in HR person or advisor now, most urgent
// first: overdue legal steps (days overdue), escalations, overdue steps
// they own, low check-ins (advisors), buddy proposals waiting for an
// answer, steps they own due this week, and arrivals this week. Every line
// names its newcomer and opens the journey at that step.
// Built from the role's own calls (ListOverdue with due_within_days,
// ListJourneys, the unread inbox, ListMatches), so the server's policy and
// overdue rule decide what shows.
import {call, listAll} from '../api.js';
import {h, mount} from '../dom.js';
import {addStrings, amsterdamDate, formatDate, formatDateTime, localized, t} from '../i18n.js';

addStrings({
  en: {
    'today.heading': 'Today',
    'today.intro': 'What needs you now, most urgent first.',
    'today.nothing': 'Nothing needs you today.',
    'today.legal': 'Overdue legal steps',
    'today.escalations': 'Escalations',
    'today.ownOverdue': 'Your overdue steps',
    'today.checkins': 'Low check-in scores',
    'today.proposals': 'Buddy proposals waiting for an answer',
    'today.dueSoon': 'Your steps due this week',
    'today.arrivals': 'Arrivals this week',
    'today.daysOverdue': '{n} days overdue',
    'today.oneDayOverdue': '1 day overdue',
    'today.due': 'due {date}',
    'today.lowScore': 'scored {score} of 10 at day {day}',
    'today.lowCheckin': 'low check-in score',
    'today.proposal': 'proposed buddy {buddy}, answer by {time}',
    'today.expiresSoon': 'expires within a day',
    'today.arrives': 'arrives {date}',
    'today.arrived': 'arrived {date}',
    'today.escalated': 'escalated',
  },
  nl: {
    'today.heading': 'Vandaag',
    'today.intro': 'Wat nu jouw aandacht vraagt, het dringendste eerst.',
    'today.nothing': 'Vandaag vraagt niets je aandacht.',
    'today.legal': 'Wettelijke stappen te laat',
    'today.escalations': 'Escalaties',
    'today.ownOverdue': 'Jouw stappen die te laat zijn',
    'today.checkins': 'Lage check-in-scores',
    'today.proposals': 'Buddyvoorstellen die op antwoord wachten',
    'today.dueSoon': 'Jouw stappen voor deze week',
    'today.arrivals': 'Aankomsten deze week',
    'today.daysOverdue': '{n} dagen te laat',
    'today.oneDayOverdue': '1 dag te laat',
    'today.due': 'uiterlijk {date}',
    'today.lowScore': 'gaf een {score} van 10 op dag {day}',
    'today.lowCheckin': 'lage check-in-score',
    'today.proposal': 'voorgestelde buddy {buddy}, antwoord uiterlijk {time}',
    'today.expiresSoon': 'verloopt binnen een dag',
    'today.arrives': 'komt aan op {date}',
    'today.arrived': 'aangekomen op {date}',
    'today.escalated': 'geëscaleerd',
  },
});

const OWN = {ROLE_HR: 'STEP_OWNER_HR', ROLE_ADVISOR: 'STEP_OWNER_ADVISOR'};
const DAY_MS = 24 * 3600 * 1000;

export function journeyHref(journeyId, stepKey) {
  const base = `#/journeys/${encodeURIComponent(journeyId)}`;
  return stepKey ? `${base}?step=${encodeURIComponent(stepKey)}` : base;
}

// "journey:<id>/step:<key>" -> {journeyId, stepKey}; null for other subjects.
function parseSubject(subject) {
  const m = /^journey:([^/]+)(?:\/step:(.+))?$/.exec(subject || '');
  return m ? {journeyId: m[1], stepKey: m[2] || ''} : null;
}

function dayNumber(date) {
  return Date.UTC(date.year, date.month - 1, date.day) / DAY_MS;
}

function line(href, name, what, badge) {
  return h('li', {},
      h('a', {href}, h('strong', {}, name), ' — ', what),
      badge ? [' ', badge] : null);
}

function overdueBadge(step) {
  const n = step.daysOverdue || 0;
  return h('span', {class: 'badge bad'},
           n === 1 ? t('today.oneDayOverdue') : t('today.daysOverdue', {n}));
}

export async function render(main, {session}) {
  const role = session.member.role;
  const advisor = role === 'ROLE_ADVISOR';
  const [steps, journeys, inbox, matches] = await Promise.all([
    listAll('JourneyService', 'ListOverdue', {dueWithinDays: 7}, 'steps', 5000),
    listAll('JourneyService', 'ListJourneys', {}, 'journeys', 5000),
    call('NotificationService', 'ListNotifications', {pageSize: 500, unreadOnly: true}),
    advisor ? listAll('BuddyService', 'ListMatches', {state: 'MATCH_STATE_PROPOSED'},
                      'matches', 1000)
            : Promise.resolve([]),
  ]);
  const byNewcomer = new Map(journeys.map((j) => [j.newcomerId, j]));
  const escalated = new Set();
  const escalations = [];
  for (const n of inbox.notifications || []) {
    const about = parseSubject(n.subject);
    if (n.kind !== 'escalation' || !about) continue;
    const key = `${about.journeyId}/${about.stepKey}`;
    if (escalated.has(key)) continue;
    escalated.add(key);
    escalations.push(h('li', {},
        h('a', {href: journeyHref(about.journeyId, about.stepKey)}, localized(n.title)),
        ' ', h('span', {class: 'muted'}, formatDateTime(n.createTime))));
  }
  const title = (s) => localized(s.step.titleText) || s.step.title || s.step.key;
  const escalatedBadge = (s) => escalated.has(`${s.journeyId}/${s.step.key}`)
      ? h('span', {class: 'badge warn'}, t('today.escalated')) : null;
  const overdue = steps.filter((s) => s.step.overdue)
      .sort((a, b) => (b.step.daysOverdue || 0) - (a.step.daysOverdue || 0));
  const stepLine = (s, badge) => line(journeyHref(s.journeyId, s.step.key), s.newcomerName,
                                      title(s), [badge, ' ', escalatedBadge(s)]);
  const legal = overdue.filter((s) => s.step.legal)
      .map((s) => stepLine(s, overdueBadge(s.step)));
  const ownOverdue = overdue.filter((s) => !s.step.legal && s.step.owner === OWN[role])
      .map((s) => stepLine(s, overdueBadge(s.step)));
  const dueSoon = steps.filter((s) => !s.step.overdue && s.step.owner === OWN[role])
      .map((s) => stepLine(s, h('span', {class: 'badge neutral'},
                                t('today.due', {date: formatDate(s.step.dueDate)}))));
  const checkins = journeys.filter((j) => j.flagged).map((j) => {
    const low = (j.checkIns || []).filter((c) => c.score <= 6).pop();
    return line(journeyHref(j.id), j.newcomerName,
                low ? t('today.lowScore', {score: low.score, day: low.day})
                    : t('today.lowCheckin'));
  });
  const now = Date.now();
  const proposals = matches
      .sort((a, b) => Date.parse(a.expireTime || 0) - Date.parse(b.expireTime || 0))
      .map((m) => {
        const j = byNewcomer.get(m.newcomerId);
        const soon = m.expireTime && Date.parse(m.expireTime) - now < DAY_MS;
        return line(j ? journeyHref(j.id, 'buddy_introduced') : '#/buddies',
                    j?.newcomerName || m.newcomer?.firstName || '—',
                    t('today.proposal', {buddy: m.buddy?.firstName || '—',
                                         time: formatDateTime(m.expireTime)}),
                    soon ? h('span', {class: 'badge warn'}, t('today.expiresSoon')) : null);
      });
  const today = dayNumber(amsterdamDate(new Date()));
  const arrivals = journeys
      .filter((j) => j.profile?.arrivalDate?.year &&
                     Math.abs(dayNumber(j.profile.arrivalDate) - today) <= 6)
      .sort((a, b) => dayNumber(a.profile.arrivalDate) - dayNumber(b.profile.arrivalDate))
      .map((j) => line(journeyHref(j.id), j.newcomerName,
          t(dayNumber(j.profile.arrivalDate) > today ? 'today.arrives' : 'today.arrived',
            {date: formatDate(j.profile.arrivalDate)})));
  const sections = [
    ['legal', 'today.legal', legal], ['escalations', 'today.escalations', escalations],
    ['own-overdue', 'today.ownOverdue', ownOverdue],
    ['checkins', 'today.checkins', checkins], ['proposals', 'today.proposals', proposals],
    ['due-soon', 'today.dueSoon', dueSoon], ['arrivals', 'today.arrivals', arrivals],
  ].filter(([, , items]) => items.length);
  mount(main,
      h('h1', {}, t('today.heading')),
      h('p', {class: 'muted'}, t('today.intro')),
      sections.length === 0 ? h('p', {class: 'card'}, t('today.nothing')) :
      sections.map(([id, key, items]) => h('section', {class: 'card today',
                                                        'aria-labelledby': `today-${id}`},
          h('h2', {id: `today-${id}`}, t(key), ' ', h('span', {class: 'badge neutral'},
                                                        String(items.length))),
          h('ul', {class: 'today-list'}, items))));
}
