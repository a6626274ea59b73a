// The newcomer's parts of the "Me" page: consent to the Expat Center (what
// it means, grant, withdraw), the personal calendar feed link, and the
// cohort of the arrival month (with the choice to show one's first name).
import {call} from '/js/api.js';
import {h, toast} from '/js/dom.js';
import {errorBox, showError} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

import {load} from '../journey_source.js';
import {read} from '../store.js';
import {text} from '../words.js';

addStrings({
  en: {
    'consent.heading': 'The Expat Center',
    'consent.what':
        'With your consent the Expat Center’s advisors of your region see your journey, so they can help when a step is stuck or overdue and reach out if a check-in shows you are not doing well. Every look is in your audit log. You can withdraw at any time; they then see nothing of it.',
    'consent.on': 'You let the Expat Center see your journey.',
    'consent.off': 'The Expat Center does not see your journey.',
    'consent.grant': 'Let the Expat Center see my journey',
    'consent.withdraw': 'Withdraw my consent',
    'consent.granted': 'Consent given.',
    'consent.withdrawn': 'Consent withdrawn.',
    'cal.heading': 'Your calendar',
    'cal.what':
        'Add your deadlines, events and classes to the calendar on your phone with a private link.',
    'cal.make': 'Make my calendar link',
    'cal.new': 'Make a new link (the old one stops working)',
    'cal.copy': 'Copy link',
    'cal.copied': 'Link copied.',
    'cohort.heading': 'Your cohort',
    'cohort.size': '{n} newcomers arrived in the same month.',
    'cohort.names': 'Showing their name: {names}',
    'cohort.show': 'Show my first name to my cohort',
  },
  nl: {
    'consent.heading': 'Het Expat Center',
    'consent.what':
        'Met je toestemming zien de adviseurs van het Expat Center in je regio je reis, zodat ze kunnen helpen als een stap vastzit of te laat is, en contact opnemen als een check-in laat zien dat het niet goed gaat. Elke keer dat ze kijken staat in je logboek. Je kunt altijd intrekken; dan zien ze er niets meer van.',
    'consent.on': 'Je laat het Expat Center je reis zien.',
    'consent.off': 'Het Expat Center ziet je reis niet.',
    'consent.grant': 'Laat het Expat Center mijn reis zien',
    'consent.withdraw': 'Mijn toestemming intrekken',
    'consent.granted': 'Toestemming gegeven.',
    'consent.withdrawn': 'Toestemming ingetrokken.',
    'cal.heading': 'Je agenda',
    'cal.what':
        'Zet je deadlines, activiteiten en lessen in de agenda op je telefoon met een privélink.',
    'cal.make': 'Maak mijn agendalink',
    'cal.new': 'Maak een nieuwe link (de oude werkt dan niet meer)',
    'cal.copy': 'Link kopiëren',
    'cal.copied': 'Link gekopieerd.',
    'cohort.heading': 'Je lichting',
    'cohort.size': '{n} nieuwkomers kwamen in dezelfde maand aan.',
    'cohort.names': 'Met hun naam zichtbaar: {names}',
    'cohort.show': 'Laat mijn voornaam zien aan mijn lichting',
  },
});

const FEED_KEY = 'welkom.app.calendar';

async function consentSection(rerender) {
  const model = await load();
  const box = errorBox();
  const button =
      h('button', {type: 'button', class: model.consent ? '' : 'primary'},
        t(model.consent ? 'consent.withdraw' : 'consent.grant'));
  button.addEventListener('click', async () => {
    showError(box, null);
    button.disabled = true;
    try {
      await call(
          'JourneyService', model.consent ? 'WithdrawConsent' : 'GrantConsent',
          {requestId: crypto.randomUUID()});
      toast(t(model.consent ? 'consent.withdrawn' : 'consent.granted'));
      await rerender();
    } catch (err) {
      showError(box, err);
      button.disabled = false;
    }
  });
  return h(
      'section', {class: 'card', id: 'consent'},
      h('h2', {}, t('consent.heading')), h('p', {}, t('consent.what')),
      h('p', {},
        h('strong', {}, t(model.consent ? 'consent.on' : 'consent.off'))),
      box, button);
}

function calendarSection() {
  const box = errorBox();
  const link =
      h('code', {class: 'secret-link'}, localStorage.getItem(FEED_KEY) || '');
  const copy =
      h('button', {
        type: 'button',
        hidden: !link.textContent,
        onclick: async () => {
          await navigator.clipboard?.writeText(link.textContent);
          toast(t('cal.copied'));
        }
      },
        t('cal.copy'));
  const make = h(
      'button', {type: 'button'}, t(link.textContent ? 'cal.new' : 'cal.make'));
  make.addEventListener('click', async () => {
    showError(box, null);
    try {
      const resp = await call('CalendarService', 'RenewCalendarFeed', {});
      const url = `${location.origin}${resp.path}`;
      localStorage.setItem(FEED_KEY, url);
      link.textContent = url;
      copy.hidden = false;
      make.textContent = t('cal.new');
    } catch (err) {
      showError(box, err);
    }
  });
  return h(
      'section', {class: 'card'}, h('h2', {}, t('cal.heading')),
      h('p', {}, t('cal.what')), box, link.textContent ? link : link,
      h('div', {class: 'actions'}, make, copy));
}

async function cohortSection() {
  let cohort;
  try {
    cohort =
        (await read('cohort', () => call('CohortService', 'GetMyCohort', {})))
            .value.cohort;
  } catch {
    return null;  // no arrival month yet
  }
  if (!cohort) return null;
  const box = errorBox();
  const toggle = h('input', {type: 'checkbox', checked: !!cohort.myNameShown});
  toggle.addEventListener('change', async () => {
    showError(box, null);
    try {
      await call(
          'CohortService', 'SetCohortNameShown', {shown: toggle.checked});
    } catch (err) {
      showError(box, err);
      toggle.checked = !toggle.checked;
    }
  });
  return h(
      'section', {class: 'card'},
      h('h2', {}, `${t('cohort.heading')}: ${text(cohort.name)}`),
      h('p', {}, t('cohort.size', {n: cohort.size || 0})),
      (cohort.shownNames || []).length ?
          h('p', {}, t('cohort.names', {names: cohort.shownNames.join(', ')})) :
          null,
      box, h('label', {class: 'check'}, toggle, t('cohort.show')));
}

export async function newcomerSections(rerender) {
  return [
    await consentSection(rerender), calendarSection(), await cohortSection()
  ];
}
