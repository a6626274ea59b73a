// The day-30/60/90 check-in: "how are you settling in?" from 0 to 10 and
// an optional comment. Needs the server (the answer is sent at once).
import {call} from '/js/api.js';
import {h, mount, toast} from '/js/dom.js';
import {errorBox, onSubmit} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

addStrings({
  en: {
    'checkin.heading': 'How are you settling in?',
    'checkin.intro':
        'Day {d}: from 0 (not at all) to 10 (very well). Your advisor sees a low score only if you gave the Expat Center consent, and then reaches out.',
    'checkin.score': 'Your score',
    'checkin.comment': 'Anything you want to tell us (optional)',
    'checkin.send': 'Send',
    'checkin.thanks': 'Thank you for your check-in.',
    'checkin.pick': 'Pick a score from 0 to 10.',
  },
  nl: {
    'checkin.heading': 'Hoe gaat het met je?',
    'checkin.intro':
        'Dag {d}: van 0 (helemaal niet) tot 10 (heel goed). Je adviseur ziet een lage score alleen als je het Expat Center toestemming gaf, en neemt dan contact op.',
    'checkin.score': 'Je score',
    'checkin.comment': 'Wil je nog iets kwijt? (optioneel)',
    'checkin.send': 'Versturen',
    'checkin.thanks': 'Bedankt voor je check-in.',
    'checkin.pick': 'Kies een score van 0 tot 10.',
  },
});

export async function render(main, {params}) {
  const day = Number(params.day);
  const box = errorBox();
  const scale =
      h('fieldset', {class: 'scale'}, h('legend', {}, t('checkin.score')),
        [...Array(11).keys()].map(
            (n) =>
                h('label', {},
                  h('input', {type: 'radio', name: 'score', value: String(n)}),
                  ` ${n}`)));
  const form = h(
      'form', {class: 'card'}, h('h1', {}, t('checkin.heading')),
      h('p', {class: 'muted'}, t('checkin.intro', {d: day})), box, scale,
      h('div', {class: 'field'},
        h('label',
          {for: 'checkin-comment'
          },
          t('checkin.comment')),
        h('textarea',
          {id: 'checkin-comment', name: 'comment', maxlength: 1000, rows: 3})),
      h('button', {type: 'submit', class: 'primary'}, t('checkin.send')));
  onSubmit(form, box, async (data) => {
    if (data.get('score') === null) throw new Error(t('checkin.pick'));
    await call('JourneyService', 'SubmitCheckIn', {
      day,
      score: Number(data.get('score')),
      comment: data.get('comment') || '',
      requestId: crypto.randomUUID(),
    });
    toast(t('checkin.thanks'));
    location.hash = '#/today';
  });
  mount(main, form);
}
