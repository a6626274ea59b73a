// The journey source: the one place that turns the server's journey into
// the model the pages show, so a change of the contract (issue 23's compact
// journeys with texts from GetCatalogue and an etag to refresh) is one
// change here. Pages call load() and use the model only:
//   {day, arrivesIn, progress, overdueCount, consent, checkIns, checkInDue,
//    steps: [{key, title, help, legalRule, legalSource, category, owner,
//             status, blockedReason, note, due, pending, waitingFor,
//             overdue, daysOverdue, dependsOn: [{key, title, done}], etag,
//             ready, changing}],
//    offline, fetchedAt}
// Step changes still in the outbox are laid over (status, reason, note), so
// a change made offline shows at once.
import {ApiError, call} from '/js/api.js';
import {addStrings, t} from '/js/i18n.js';

import {pending} from './outbox.js';
import {read} from './store.js';

const FINISHED = ['STEP_STATUS_DONE', 'STEP_STATUS_NOT_APPLICABLE'];
const CHECK_IN_DAYS = [30, 60, 90];

function overlay(steps) {
  for (const change of pending()) {
    if (change.method !== 'UpdateStep') continue;
    const step = steps.find((s) => s.key === change.body.stepKey);
    if (!step) continue;
    if (change.body.status) {
      step.status = change.body.status;
      step.blockedReason = change.body.blockedReason || '';
    }
    if (change.body.setNote) step.note = change.body.note || '';
    step.changing = true;
  }
}

export function toModel(journey) {
  const raw = journey.steps || [];
  const titles = new Map(raw.map((s) => [s.key, s.title]));
  const steps =
      raw.map((s) => ({
                key: s.key,
                title: s.title,
                help: s.help || '',
                legalRule: s.legal ? s.legal.rule : null,  // LocalizedText
                legalSource: s.legal ? s.legal.sourceUrl : '',
                category: s.category,
                owner: s.owner,
                status: s.status || 'STEP_STATUS_TODO',
                blockedReason: s.blockedReason || '',
                note: s.note || '',
                due: s.dueDate || null,
                pending: !!s.pending,
                waitingFor: s.pending ? s.anchor : null,
                overdue: !!s.overdue,
                daysOverdue: s.daysOverdue || 0,
                dependsOn: (s.dependsOn || [])
                               .filter((k) => titles.has(k))
                               .map((k) => ({key: k, title: titles.get(k)})),
                etag: s.etag || '',
                changing: false,
              }));
  overlay(steps);
  const byKey = new Map(steps.map((s) => [s.key, s]));
  for (const s of steps) {
    for (const d of s.dependsOn)
      d.done = FINISHED.includes(byKey.get(d.key)?.status);
    s.finished = FINISHED.includes(s.status);
    s.ready = !s.finished && s.dependsOn.every((d) => d.done);
  }
  const day = journey.day || 0;
  const checkIns = journey.checkIns || [];
  const answered = new Set(checkIns.map((c) => c.day));
  return {
    id: journey.id,
    day,
    // Before the arrival (or first working day) the journey counts down.
    arrivesIn: day < 0 ? -day : 0,
    progress: journey.progressPercent || 0,
    overdueCount: journey.overdueCount || 0,
    consent: !!journey.advisorConsent,
    checkIns,
    checkInDue: CHECK_IN_DAYS.find((d) => day >= d && !answered.has(d)) || 0,
    closed: !!journey.closeTime,
    steps,
  };
}

addStrings({
  en: {
    'source.notPlanned':
        'Your journey is not planned yet. Your employer’s HR plans it from your ' +
        'arrival details; ask them, or your Expat Center advisor, if it takes ' +
        'more than a few days.',
  },
  nl: {
    'source.notPlanned':
        'Je reis is nog niet gepland. De HR-afdeling van je werkgever plant hem ' +
        'met je aankomstgegevens; vraag het hun, of je adviseur van het Expat ' +
        'Center, als het langer dan een paar dagen duurt.',
  },
});

export async function load() {
  let got;
  try {
    got = await read('journey', () => call('JourneyService', 'GetJourney', {}));
  } catch (e) {
    // A newcomer whose journey nobody planned yet (no journey row) hears
    // what happens next, not the server's "not found".
    if (e && e.code === 'not_found') throw new ApiError('not_found', t('source.notPlanned'));
    throw e;
  }
  const {value, offline, fetchedAt} = got;
  return {...toModel(value.journey || {}), offline, fetchedAt};
}
