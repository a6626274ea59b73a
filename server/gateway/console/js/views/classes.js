// Dutch classes for advisors: the region's courses (level, place, seats
// taken, waitlist), a form to publish a course with a weekly schedule, and
// per course its enrolments, waiting list and attendance (class_roster.js).
import {call} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, onSubmit} from '../form.js';
import {addStrings, amsterdamDate, amsterdamInstant, formatDate, localized, t} from '../i18n.js';
import {MUNICIPALITIES, municipalityName} from '../municipalities.js';
import {roster} from './class_roster.js';

addStrings({
  en: {
    'classes.heading': 'Dutch classes',
    'classes.none': 'No current courses.',
    'classes.course': 'Course',
    'classes.level': 'Level',
    'classes.where': 'Where',
    'classes.when': 'Lessons',
    'classes.seats': 'Seats taken',
    'classes.waitlist': '{n} waiting',
    'classes.lessons': '{n} lessons from {date}',
    'classes.open': 'Enrolments',
    'classes.openLabel': 'Enrolments and attendance of “{title}”',
    'classes.new': 'New course',
    'classes.provider': 'Language school',
    'classes.noProvider': 'No language school is registered yet; an advisor adds one first.',
    'classes.titleEn': 'Title (English)',
    'classes.titleNl': 'Title (Dutch)',
    'classes.venue': 'Venue',
    'classes.municipality': 'Municipality',
    'classes.capacity': 'Seats',
    'classes.first': 'First lesson',
    'classes.minutes': 'Lesson length (minutes)',
    'classes.count': 'Number of lessons',
    'classes.countHint': 'One lesson a week, same day and time.',
    'classes.submit': 'Publish course',
    'classes.created': '“{title}” is published.',
  },
  nl: {
    'classes.heading': 'Nederlandse les',
    'classes.none': 'Geen lopende cursussen.',
    'classes.course': 'Cursus',
    'classes.level': 'Niveau',
    'classes.where': 'Waar',
    'classes.when': 'Lessen',
    'classes.seats': 'Plaatsen bezet',
    'classes.waitlist': '{n} op de wachtlijst',
    'classes.lessons': '{n} lessen vanaf {date}',
    'classes.open': 'Inschrijvingen',
    'classes.openLabel': 'Inschrijvingen en aanwezigheid van “{title}”',
    'classes.new': 'Nieuwe cursus',
    'classes.provider': 'Taalschool',
    'classes.noProvider': 'Er is nog geen taalschool geregistreerd; een adviseur voegt er eerst een toe.',
    'classes.titleEn': 'Titel (Engels)',
    'classes.titleNl': 'Titel (Nederlands)',
    'classes.venue': 'Locatie',
    'classes.municipality': 'Gemeente',
    'classes.capacity': 'Plaatsen',
    'classes.first': 'Eerste les',
    'classes.minutes': 'Lesduur (minuten)',
    'classes.count': 'Aantal lessen',
    'classes.countHint': 'Eén les per week, zelfde dag en tijd.',
    'classes.submit': 'Cursus publiceren',
    'classes.created': '“{title}” is gepubliceerd.',
  },
});

export const LEVELS = [
  ['CEFR_STEP_A0_A1', 'A0 → A1'], ['CEFR_STEP_A1_A2', 'A1 → A2'],
  ['CEFR_STEP_A2_B1', 'A2 → B1'], ['CEFR_STEP_B1_B2', 'B1 → B2'],
];


function level(step) {
  return (LEVELS.find(([key]) => key === step) || [null, '—'])[1];
}

function lessons(course) {
  const sessions = course.sessions || [];
  if (!sessions.length) return '—';
  return t('classes.lessons', {n: sessions.length,
                               date: formatDate(amsterdamDate(sessions[0].startTime))});
}

// Weekly sessions from the first lesson's Amsterdam date and time (the
// same wall-clock hour every week, across a change to or from summer time).
function weeklySessions(firstValue, minutes, count) {
  if (!amsterdamInstant(firstValue)) return [];
  return Array.from({length: count}, (_, i) => {
    const start = new Date(amsterdamInstant(firstValue, 7 * i));
    return {startTime: start.toISOString(),
            endTime: new Date(start.getTime() + minutes * 60000).toISOString()};
  });
}

function newCourseForm(providers, session, onCreated) {
  const box = errorBox();
  let requestId = crypto.randomUUID();
  const home = session.organization?.municipality || 'enschede';
  const form = h('form', {class: 'card', 'aria-labelledby': 'new-course'},
      h('h2', {id: 'new-course'}, t('classes.new')),
      box,
      h('div', {class: 'row'},
        field(t('classes.provider'), {name: 'provider', required: true,
              options: providers.map((p) => [p.id, p.name])}),
        field(t('classes.level'), {name: 'step', value: 'CEFR_STEP_A0_A1', options: LEVELS})),
      h('div', {class: 'row'},
        field(t('classes.titleEn'), {name: 'titleEn', required: true, maxlength: 120}),
        field(t('classes.titleNl'), {name: 'titleNl', required: true, maxlength: 120})),
      h('div', {class: 'row'},
        field(t('classes.venue'), {name: 'venue', required: true, maxlength: 200}),
        field(t('classes.municipality'), {name: 'municipality', value: home,
              options: MUNICIPALITIES.map((m) => [m.key, m.name])}),
        field(t('classes.capacity'), {name: 'seats', type: 'number', min: 1, max: 500,
                                      value: 12, required: true})),
      h('div', {class: 'row'},
        field(t('classes.first'), {name: 'first', type: 'datetime-local', required: true}),
        field(t('classes.minutes'), {name: 'minutes', type: 'number', min: 15, max: 480,
                                     value: 120, required: true}),
        field(t('classes.count'), {name: 'count', type: 'number', min: 1, max: 52, value: 10,
                                   required: true}, t('classes.countHint'))),
      h('button', {type: 'submit', class: 'primary'}, t('classes.submit')));
  onSubmit(form, box, async (data) => {
    const resp = await call('LanguageService', 'CreateCourse', {
      course: {
        providerId: data.get('provider'),
        title: {en: data.get('titleEn'), nl: data.get('titleNl')},
        step: data.get('step'),
        venue: data.get('venue'),
        municipality: data.get('municipality'),
        seats: Number(data.get('seats')),
        sessions: weeklySessions(data.get('first'), Number(data.get('minutes')),
                                 Number(data.get('count'))),
      },
      requestId,
    });
    requestId = crypto.randomUUID();
    toast(t('classes.created', {title: localized(resp.course.title)}));
    await onCreated();
  });
  return form;
}

function courseTable(courses, openRoster) {
  if (!courses.length) return h('p', {}, t('classes.none'));
  return h('table', {class: 'data'},
      h('thead', {}, h('tr', {},
          ['classes.course', 'classes.level', 'classes.where', 'classes.when', 'classes.seats', '']
              .map((k) => h('th', {scope: 'col'}, k ? t(k) : '')))),
      h('tbody', {}, courses.map((c) => {
        const title = localized(c.title);
        return h('tr', {},
            h('th', {scope: 'row'}, title, h('br'), h('span', {class: 'muted'}, c.providerName || '')),
            h('td', {}, level(c.step)),
            h('td', {}, `${c.venue || ''} · ${municipalityName(c.municipality)}`),
            h('td', {}, lessons(c)),
            h('td', {}, `${c.enrolledCount || 0} / ${c.seats || 0}`,
              c.waitlistCount ? [' ', h('span', {class: 'badge warn'},
                                        t('classes.waitlist', {n: c.waitlistCount}))] : null),
            h('td', {}, h('button', {type: 'button', class: 'small',
                                     'aria-label': t('classes.openLabel', {title}),
                                     onclick: () => openRoster(c)}, t('classes.open'))));
      })));
}

export async function render(main, {session}) {
  const detail = h('div', {});
  const draw = async (focusCourseId) => {
    const [courses, providers] = await Promise.all([
      call('LanguageService', 'ListCourses', {}),
      call('LanguageService', 'ListProviders', {}),
    ]);
    const list = courses.courses || [];
    const openRoster = async (course) => {
      await roster(detail, course, () => draw(course.id));
      detail.querySelector('h2')?.focus();
    };
    mount(main,
        h('h1', {}, t('classes.heading')),
        courseTable(list, openRoster),
        detail,
        (providers.providers || []).length
            ? newCourseForm(providers.providers, session, () => draw())
            : h('p', {class: 'notice'}, t('classes.noProvider')));
    const again = focusCourseId && list.find((c) => c.id === focusCourseId);
    if (again) await roster(detail, again, () => draw(again.id));
  };
  await draw();
}
