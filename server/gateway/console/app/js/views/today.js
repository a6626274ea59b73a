// The newcomer's first page: the steps to take now (ready, open, own or
// others', overdue first, then by due date), a due check-in, and the way
// to the rest of the journey.
import {h, mount} from '/js/dom.js';
import {addStrings, t} from '/js/i18n.js';

import {load} from '../journey_source.js';
import {showOffline} from '../main.js';

import {stepCard} from './step_card.js';

addStrings({
  en: {
    'today.day': 'Day {n} of your first 90 days',
    'today.arrives': 'You arrive in {n} days',
    'today.arrivesOne': 'You arrive tomorrow',
    'today.progress': '{p}% done · {o} overdue',
    'today.next': 'Your next steps',
    'today.nothing': 'Nothing to do right now. Well done!',
    'today.checkin': 'How are you settling in? Your day-{d} check-in is open.',
    'today.checkinGo': 'Answer the check-in',
    'today.all': 'See the whole journey',
    'today.waiting': 'Waiting on others',
  },
  nl: {
    'today.day': 'Dag {n} van je eerste 90 dagen',
    'today.arrives': 'Je komt over {n} dagen aan',
    'today.arrivesOne': 'Je komt morgen aan',
    'today.progress': '{p}% klaar · {o} te laat',
    'today.next': 'Je volgende stappen',
    'today.nothing': 'Nu even niets te doen. Goed bezig!',
    'today.checkin': 'Hoe gaat het met je? Je check-in van dag {d} staat open.',
    'today.checkinGo': 'Check-in invullen',
    'today.all': 'Bekijk je hele reis',
    'today.waiting': 'Wacht op anderen',
  },
});

function byUrgency(a, b) {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const da =
      a.due ? a.due.year * 10000 + a.due.month * 100 + a.due.day : 99999999;
  const db =
      b.due ? b.due.year * 10000 + b.due.month * 100 + b.due.day : 99999999;
  return da - db;
}

export function dayHeading(model) {
  if (model.arrivesIn === 1) return t('today.arrivesOne');
  if (model.arrivesIn > 0) return t('today.arrives', {n: model.arrivesIn});
  return t('today.day', {n: model.day});
}

export async function render(main) {
  const model = await load();
  showOffline(model.offline, model.fetchedAt);
  const ready = model.steps.filter((s) => s.ready).sort(byUrgency);
  const mine = ready.filter((s) => s.owner === 'STEP_OWNER_NEWCOMER');
  const others = ready.filter((s) => s.owner !== 'STEP_OWNER_NEWCOMER');
  mount(
      main, h('h1', {}, dayHeading(model)),
      h('p', {class: 'muted'},
        t('today.progress', {p: model.progress, o: model.overdueCount})),
      model.checkInDue ?
          h('div', {class: 'notice'},
            h('p', {}, t('today.checkin', {d: model.checkInDue})),
            h('a',
              {class: 'button primary', href: `#/checkin/${model.checkInDue}`},
              t('today.checkinGo'))) :
          null,
      h('h2', {}, t('today.next')),
      mine.length ? mine.slice(0, 5).map((s) => stepCard(s)) :
                    h('p', {}, t('today.nothing')),
      others.length ?
          [
            h('h2', {}, t('today.waiting')),
            others.slice(0, 3).map((s) => stepCard(s, {withHelp: false}))
          ] :
          null,
      h('p', {}, h('a', {href: '#/journey'}, t('today.all'))));
}
