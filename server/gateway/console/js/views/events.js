// Social events for organisers: upcoming events with seats taken and the
// waitlist, a form to publish a new one (advisors for the region, HR for
// their own employer) and cancelling. RSVPs are made in the app.
import {call, listAll} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, onSubmit, showError} from '../form.js';
import {confirmAction} from '../guard.js';
import {addStrings, amsterdamInstant, formatDateTime, localized, t} from '../i18n.js';
import {MUNICIPALITIES, municipalityName} from '../municipalities.js';

addStrings({
  en: {
    'events.heading': 'Events',
    'events.none': 'No upcoming events.',
    'events.when': 'When',
    'events.title': 'Event',
    'events.where': 'Where',
    'events.seats': 'Seats taken',
    'events.waitlist': '{n} waiting',
    'events.cancel': 'Cancel',
    'events.cancelLabel': 'Cancel “{title}”',
    'events.cancelledToast': '“{title}” is cancelled.',
    'events.cancelAsk': 'Cancel “{title}”?',
    'events.cancelBody': 'Everyone who signed up is told it is off. This cannot be undone.',
    'events.cancelYes': 'Cancel the event',
    'events.new': 'New event',
    'events.titleEn': 'Title (English)',
    'events.titleNl': 'Title (Dutch)',
    'events.titleNlHint': 'Required: people using Welkom in Dutch see this title.',
    'events.start': 'Starts',
    'events.end': 'Ends',
    'events.venue': 'Venue',
    'events.municipality': 'Municipality',
    'events.capacity': 'Seats',
    'events.submit': 'Publish event',
    'events.created': '“{title}” is published.',
  },
  nl: {
    'events.heading': 'Activiteiten',
    'events.none': 'Geen komende activiteiten.',
    'events.when': 'Wanneer',
    'events.title': 'Activiteit',
    'events.where': 'Waar',
    'events.seats': 'Plaatsen bezet',
    'events.waitlist': '{n} op de wachtlijst',
    'events.cancel': 'Afgelasten',
    'events.cancelLabel': '“{title}” afgelasten',
    'events.cancelledToast': '“{title}” is afgelast.',
    'events.cancelAsk': '“{title}” afgelasten?',
    'events.cancelBody': 'Iedereen die zich heeft aangemeld hoort dat het niet doorgaat. Dit kan niet ongedaan worden gemaakt.',
    'events.cancelYes': 'Activiteit afgelasten',
    'events.new': 'Nieuwe activiteit',
    'events.titleEn': 'Titel (Engels)',
    'events.titleNl': 'Titel (Nederlands)',
    'events.titleNlHint': 'Verplicht: wie Welkom in het Nederlands gebruikt, ziet deze titel.',
    'events.start': 'Begint',
    'events.end': 'Eindigt',
    'events.venue': 'Locatie',
    'events.municipality': 'Gemeente',
    'events.capacity': 'Plaatsen',
    'events.submit': 'Activiteit publiceren',
    'events.created': '“{title}” is gepubliceerd.',
  },
});


function newEventForm(session, onCreated) {
  const box = errorBox();
  let requestId = crypto.randomUUID();
  const home = session.organization?.municipality || 'enschede';
  const form = h('form', {class: 'card', 'aria-labelledby': 'new-event'},
      h('h2', {id: 'new-event'}, t('events.new')),
      box,
      h('div', {class: 'row'},
        field(t('events.titleEn'), {name: 'titleEn', required: true, maxlength: 120}),
        field(t('events.titleNl'), {name: 'titleNl', required: true, maxlength: 120},
              t('events.titleNlHint'))),
      h('div', {class: 'row'},
        field(t('events.start'), {name: 'start', type: 'datetime-local', required: true}),
        field(t('events.end'), {name: 'end', type: 'datetime-local', required: true})),
      h('div', {class: 'row'},
        field(t('events.venue'), {name: 'venue', required: true, maxlength: 200}),
        field(t('events.municipality'), {name: 'municipality', value: home,
              options: MUNICIPALITIES.map((m) => [m.key, m.name])}),
        field(t('events.capacity'), {name: 'capacity', type: 'number', min: 1, max: 10000,
                                     value: 20, required: true})),
      h('button', {type: 'submit', class: 'primary'}, t('events.submit')));
  onSubmit(form, box, async (data) => {
    const title = {en: data.get('titleEn'), nl: data.get('titleNl') || ''};
    const resp = await call('EventService', 'CreateEvent', {
      event: {
        title,
        startTime: amsterdamInstant(data.get('start')),
        endTime: amsterdamInstant(data.get('end')),
        venue: data.get('venue'),
        municipality: data.get('municipality'),
        capacity: Number(data.get('capacity')),
        audience: session.member.role === 'ROLE_HR' ? 'EVENT_AUDIENCE_EMPLOYER'
                                                    : 'EVENT_AUDIENCE_EVERYONE',
      },
      requestId,
    });
    requestId = crypto.randomUUID();
    toast(t('events.created', {title: localized(resp.event.title)}));
    onCreated();
  });
  return form;
}

export async function render(main, {session}) {
  const box = errorBox();
  const draw = async () => {
    const events = await listAll('EventService', 'ListEvents', {}, 'events', 500);
    const cancel = async (event, title, button) => {
      showError(box, null);
      if (!(await confirmAction({title: t('events.cancelAsk', {title}),
                                 body: t('events.cancelBody'),
                                 confirm: t('events.cancelYes')}))) return;
      button.disabled = true;
      try {
        await call('EventService', 'CancelEvent', {eventId: event.id, etag: event.etag,
                                                   requestId: crypto.randomUUID()});
        toast(t('events.cancelledToast', {title}));
        await draw();
      } catch (err) {
        button.disabled = false;
        showError(box, err);
      }
    };
    mount(main,
        h('h1', {}, t('events.heading')),
        box,
        events.length === 0 ? h('p', {}, t('events.none')) :
        h('table', {class: 'data'},
          h('thead', {}, h('tr', {},
            ['events.when', 'events.title', 'events.where', 'events.seats', '']
                .map((k) => h('th', {scope: 'col'}, k ? t(k) : '')))),
          h('tbody', {}, events.map((e) => {
            const title = localized(e.title);
            return h('tr', {},
                h('td', {}, formatDateTime(e.startTime)),
                h('th', {scope: 'row'}, title),
                h('td', {}, `${e.venue || ''} · ${municipalityName(e.municipality)}`),
                h('td', {}, `${e.confirmedCount || 0} / ${e.capacity || 0}`,
                  e.waitlistCount ? [' ', h('span', {class: 'badge warn'},
                                            t('events.waitlist', {n: e.waitlistCount}))] : null),
                h('td', {}, e.organizerId !== session.organization?.id ? null
                    : h('button', {type: 'button', class: 'small',
                                   'aria-label': t('events.cancelLabel', {title}),
                                   onclick: (ev) => cancel(e, title, ev.currentTarget)},
                        t('events.cancel'))));
          }))),
        newEventForm(session, draw));
  };
  await draw();
}
