// One course's roster for its advisors: who is enrolled (with lessons
// attended), the waiting list in order, and recording who came to a lesson
// (from one hour before it starts, as the server allows).
import {call} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, onSubmit} from '../form.js';
import {addStrings, formatDateTime, localized, t} from '../i18n.js';

addStrings({
  en: {
    'roster.heading': 'Enrolments: {title}',
    'roster.enrolled': 'Enrolled',
    'roster.none': 'Nobody is enrolled yet.',
    'roster.name': 'Name',
    'roster.status': 'Status',
    'roster.attended': 'Lessons attended',
    'roster.of': '{n} of {total}',
    'roster.waitlist': 'Waiting list',
    'roster.noWaitlist': 'Nobody is waiting.',
    'roster.position': 'Place',
    'roster.attendance': 'Record attendance',
    'roster.lesson': 'Lesson',
    'roster.present': 'Present',
    'roster.save': 'Save attendance',
    'roster.saved': 'Attendance saved for {n} people.',
    'roster.notYet': 'Attendance opens one hour before the first lesson ({when}).',
    'status.ENROLMENT_STATUS_ENROLLED': 'Enrolled',
    'status.ENROLMENT_STATUS_WAITLISTED': 'Waiting',
    'status.ENROLMENT_STATUS_COMPLETED': 'Completed',
    'status.ENROLMENT_STATUS_CANCELLED': 'Cancelled',
  },
  nl: {
    'roster.heading': 'Inschrijvingen: {title}',
    'roster.enrolled': 'Ingeschreven',
    'roster.none': 'Nog niemand ingeschreven.',
    'roster.name': 'Naam',
    'roster.status': 'Status',
    'roster.attended': 'Lessen bijgewoond',
    'roster.of': '{n} van {total}',
    'roster.waitlist': 'Wachtlijst',
    'roster.noWaitlist': 'Niemand op de wachtlijst.',
    'roster.position': 'Plaats',
    'roster.attendance': 'Aanwezigheid registreren',
    'roster.lesson': 'Les',
    'roster.present': 'Aanwezig',
    'roster.save': 'Aanwezigheid opslaan',
    'roster.saved': 'Aanwezigheid opgeslagen voor {n} personen.',
    'roster.notYet': 'Aanwezigheid registreren kan vanaf een uur voor de eerste les ({when}).',
    'status.ENROLMENT_STATUS_ENROLLED': 'Ingeschreven',
    'status.ENROLMENT_STATUS_WAITLISTED': 'Wacht',
    'status.ENROLMENT_STATUS_COMPLETED': 'Afgerond',
    'status.ENROLMENT_STATUS_CANCELLED': 'Geannuleerd',
  },
});

const HOUR_MS = 3600 * 1000;


function attendanceForm(course, enrolled, onSaved) {
  const now = Date.now();
  const sessions = course.sessions || [];
  const open = sessions.filter((s) => new Date(s.startTime).getTime() - HOUR_MS <= now);
  if (!open.length) {
    return h('p', {class: 'hint'},
             t('roster.notYet', {when: sessions.length ? formatDateTime(sessions[0].startTime) : '—'}));
  }
  const box = errorBox();
  let requestId = crypto.randomUUID();
  const latest = open[open.length - 1];
  const form = h('form', {class: 'card', 'aria-labelledby': 'attendance-heading'},
      h('h3', {id: 'attendance-heading'}, t('roster.attendance')),
      box,
      field(t('roster.lesson'), {name: 'session', value: latest.id,
            options: open.map((s, i) => [s.id, `${i + 1}. ${formatDateTime(s.startTime)}`])}),
      h('fieldset', {},
        h('legend', {}, t('roster.present')),
        enrolled.map((e) => h('label', {class: 'check'},
            h('input', {type: 'checkbox', name: 'member', value: e.memberId}),
            e.displayName || e.memberId))),
      h('button', {type: 'submit', class: 'primary'}, t('roster.save')));
  onSubmit(form, box, async (data) => {
    const memberIds = data.getAll('member');
    await call('LanguageService', 'RecordSessionAttendance', {
      courseId: course.id, sessionId: data.get('session'), memberIds, requestId});
    requestId = crypto.randomUUID();
    toast(t('roster.saved', {n: memberIds.length}));
    await onSaved();
  });
  return form;
}

// Fills `el` with the roster of `course`; `onChanged` after attendance.
export async function roster(el, course, onChanged) {
  const resp = await call('LanguageService', 'ListEnrolments', {courseId: course.id});
  const all = resp.enrolments || [];
  const enrolled = all.filter((e) => e.status === 'ENROLMENT_STATUS_ENROLLED' ||
                                     e.status === 'ENROLMENT_STATUS_COMPLETED');
  const waiting = all.filter((e) => e.status === 'ENROLMENT_STATUS_WAITLISTED')
      .sort((a, b) => (a.waitlistPosition || 0) - (b.waitlistPosition || 0));
  const title = localized(course.title);
  mount(el, h('section', {class: 'card', 'aria-labelledby': 'roster-heading'},
      h('h2', {id: 'roster-heading', tabindex: '-1'}, t('roster.heading', {title})),
      h('h3', {}, t('roster.enrolled')),
      enrolled.length === 0 ? h('p', {}, t('roster.none')) :
      h('table', {class: 'data'},
        h('thead', {}, h('tr', {},
            ['roster.name', 'roster.status', 'roster.attended']
                .map((k) => h('th', {scope: 'col'}, t(k))))),
        h('tbody', {}, enrolled.map((e) => h('tr', {},
            h('th', {scope: 'row'}, e.displayName || e.memberId),
            h('td', {}, t('status.' + e.status)),
            h('td', {class: 'num'}, t('roster.of', {n: e.sessionsAttended || 0,
                                                    total: e.sessionsTotal || 0})))))),
      h('h3', {}, t('roster.waitlist')),
      waiting.length === 0 ? h('p', {}, t('roster.noWaitlist')) :
      h('ol', {}, waiting.map((e) => h('li', {}, e.displayName || e.memberId))),
      enrolled.length ? attendanceForm(course, enrolled, onChanged) : null));
}
