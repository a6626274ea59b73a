// Events and Dutch classes: upcoming events the member may join with
// going / waitlist / cancel, and (for newcomers) Dutch courses with
// enrolment. RSVPs and enrolments go through the outbox, so they work
// offline; the server's verdict (a full event puts you on the waitlist, a
// past one refuses) shows when it comes.
import {call} from '/js/api.js';
import {h, mount} from '/js/dom.js';
import {errorBox, showError} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

import {showOffline} from '../main.js';
import {pending, send} from '../outbox.js';
import {read} from '../store.js';
import {dateTime, text} from '../words.js';

addStrings({
  en: {
    'ev.heading': 'Events',
    'ev.none': 'No upcoming events.',
    'ev.seats': '{n} of {c} places taken',
    'ev.waiting': '{n} on the waitlist',
    'ev.going': 'You are going',
    'ev.waitlisted': 'You are on the waitlist',
    'ev.rsvp': 'I’ll come',
    'ev.cancel': 'Cancel my place',
    'ev.full': 'Full — join the waitlist',
    'ev.queued': 'Saved on this phone; sent when you are online.',
    'cl.heading': 'Dutch classes',
    'cl.none': 'No classes on offer now.',
    'cl.seats': '{n} of {c} places taken',
    'cl.enrol': 'Enrol',
    'cl.withdraw': 'Withdraw',
    'cl.enrolled': 'You are enrolled',
    'cl.waitlisted': 'You are on the waitlist',
    'cl.first': 'Starts {when}',
    'cl.sessions': '{n} sessions',
  },
  nl: {
    'ev.heading': 'Activiteiten',
    'ev.none': 'Geen activiteiten gepland.',
    'ev.seats': '{n} van {c} plaatsen bezet',
    'ev.waiting': '{n} op de wachtlijst',
    'ev.going': 'Je gaat',
    'ev.waitlisted': 'Je staat op de wachtlijst',
    'ev.rsvp': 'Ik kom',
    'ev.cancel': 'Mijn plaats afzeggen',
    'ev.full': 'Vol — op de wachtlijst',
    'ev.queued':
        'Opgeslagen op deze telefoon; wordt verstuurd zodra je online bent.',
    'cl.heading': 'Nederlandse les',
    'cl.none': 'Nu geen cursussen.',
    'cl.seats': '{n} van {c} plaatsen bezet',
    'cl.enrol': 'Inschrijven',
    'cl.withdraw': 'Uitschrijven',
    'cl.enrolled': 'Je bent ingeschreven',
    'cl.waitlisted': 'Je staat op de wachtlijst',
    'cl.first': 'Begint {when}',
    'cl.sessions': '{n} lessen',
  },
});

function waitingFor(method, idField, id) {
  return pending().some((c) => c.method === method && c.body[idField] === id);
}

export async function render(main, {session}) {
  const newcomer = session.member.role === 'ROLE_NEWCOMER';
  const events = await read(
      'events', () => call('EventService', 'ListEvents', {pageSize: 100}));
  const classes = newcomer ?
      await read('classes', () => call('LanguageService', 'ListCourses', {})) :
      null;
  showOffline(events.offline || !!classes?.offline, events.fetchedAt);
  const box = errorBox();
  const status = h('p', {role: 'status', class: 'muted'});
  const act = (button, service, method, body, label) => async () => {
    showError(box, null);
    button.disabled = true;
    try {
      const answer = await send(service, method, body, label);
      await render(main, {session});
      if (!answer)
        main.querySelector('[role=status]').textContent = t('ev.queued');
    } catch (err) {
      showError(box, err);
      button.disabled = false;
    }
  };
  const eventCard = (e) => {
    const title = text(e.title);
    const full = (e.confirmedCount || 0) >= e.capacity;
    const mine = e.myRsvp;
    const queued = waitingFor('CreateRsvp', 'eventId', e.id) ||
        waitingFor('CancelRsvp', 'eventId', e.id);
    let action;
    if (mine === 'RSVP_STATUS_CONFIRMED' || mine === 'RSVP_STATUS_WAITLISTED') {
      action = h('button', {type: 'button'}, t('ev.cancel'));
      action.addEventListener(
          'click',
          act(action, 'EventService', 'CancelRsvp', {eventId: e.id}, title));
    } else {
      action =
          h('button', {type: 'button', class: 'primary'},
            t(full ? 'ev.full' : 'ev.rsvp'));
      action.addEventListener(
          'click',
          act(action, 'EventService', 'CreateRsvp', {eventId: e.id}, title));
    }
    return h(
        'article', {class: 'card', dataset: {event: e.id}}, h('h3', {}, title),
        h('p', {class: 'meta'}, h('span', {}, dateTime(e.startTime)),
          h('span', {}, e.venue || '')),
        text(e.description) ? h('p', {}, text(e.description)) : null,
        h('p', {class: 'meta'},
          h('span', {},
            t('ev.seats', {n: e.confirmedCount || 0, c: e.capacity})),
          e.waitlistCount ?
              h('span', {}, t('ev.waiting', {n: e.waitlistCount})) :
              null),
        mine === 'RSVP_STATUS_CONFIRMED' ?
            h('p', {class: 'badge ok'}, t('ev.going')) :
            null,
        mine === 'RSVP_STATUS_WAITLISTED' ?
            h('p', {class: 'badge'}, t('ev.waitlisted')) :
            null,
        queued ? h('p', {class: 'pending'}, t('words.pendingSync')) : null,
        queued ? null : h('div', {class: 'actions'}, action));
  };
  const courseCard = (c) => {
    const title = text(c.title);
    const mine = c.myEnrolment;
    const enrolled = mine === 'ENROLMENT_STATUS_ENROLLED' ||
        mine === 'ENROLMENT_STATUS_CONFIRMED';
    const waitlisted = mine === 'ENROLMENT_STATUS_WAITLISTED';
    const queued = waitingFor('Enroll', 'courseId', c.id) ||
        waitingFor('CancelEnrolment', 'courseId', c.id);
    const action = enrolled || waitlisted ?
        h('button', {type: 'button'}, t('cl.withdraw')) :
        h('button', {type: 'button', class: 'primary'}, t('cl.enrol'));
    action.addEventListener(
        'click',
        act(action, 'LanguageService',
            enrolled || waitlisted ? 'CancelEnrolment' : 'Enroll',
            {courseId: c.id}, title));
    const first = (c.sessions || [])[0];
    return h(
        'article', {class: 'card', dataset: {course: c.id}}, h('h3', {}, title),
        h('p', {class: 'meta'}, h('span', {}, c.providerName || ''),
          h('span', {}, c.venue || '')),
        h('p', {class: 'meta'},
          first ?
              h('span', {}, t('cl.first', {when: dateTime(first.startTime)})) :
              null,
          h('span', {}, t('cl.sessions', {n: (c.sessions || []).length})),
          h('span', {}, t('cl.seats', {n: c.enrolledCount || 0, c: c.seats}))),
        enrolled ? h('p', {class: 'badge ok'}, t('cl.enrolled')) : null,
        waitlisted ? h('p', {class: 'badge'}, t('cl.waitlisted')) : null,
        queued ? h('p', {class: 'pending'}, t('words.pendingSync')) : null,
        queued ? null : h('div', {class: 'actions'}, action));
  };
  const evs = events.value.events || [];
  const courses = classes ? classes.value.courses || [] : [];
  mount(
      main, h('h1', {}, t('ev.heading')), box, status,
      evs.length ? evs.map(eventCard) : h('p', {class: 'muted'}, t('ev.none')),
      newcomer ?
          [
            h('h2', {}, t('cl.heading')),
            courses.length ? courses.map(courseCard) :
                             h('p', {class: 'muted'}, t('cl.none'))
          ] :
          null);
}
