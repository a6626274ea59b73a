// One step: what it asks (help text), the legal rule and source, when, who
// acts, what must come first (in words), its note, and the status changes
// its owner may make: start, done, blocked with a reason, reopen. Changes
// go through the outbox, so they work offline and are sent once.
import {h, mount} from '/js/dom.js';
import {errorBox, field, showError} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

import {load} from '../journey_source.js';
import {showOffline} from '../main.js';
import {pending, send} from '../outbox.js';
import {whenText} from '../words.js';

import {legalBox} from './journey.js';

addStrings({
  en: {
    'step.back': '← Journey',
    'step.status': 'Status: {s}',
    'step.start': 'I started',
    'step.done': 'Mark done',
    'step.reopen': 'Reopen',
    'step.block': 'I am stuck',
    'step.blockReason': 'What blocks you?',
    'step.blockSend': 'Mark blocked',
    'step.skip': 'Does not apply to me',
    'step.blockedBecause': 'Blocked: {r}',
    'step.naBecause': 'Does not apply: {r}',
    'step.first': 'Do these first:',
    'step.note': 'Your note',
    'step.noteSave': 'Save note',
    'step.notYours': '{who} takes care of this step; you see how it goes here.',
    'step.legalNa':
        'This is a legal obligation: only your employer or the Expat Center can mark it as not applying to you.',
    'step.saved': 'Saved.',
    'step.queued': 'Saved on this phone; sent when you are online.',
    'step.missing': 'This step is not in your journey.',
  },
  nl: {
    'step.back': '← Reis',
    'step.status': 'Status: {s}',
    'step.start': 'Ik ben begonnen',
    'step.done': 'Klaar',
    'step.reopen': 'Heropenen',
    'step.block': 'Ik zit vast',
    'step.blockReason': 'Waardoor zit je vast?',
    'step.blockSend': 'Markeer als geblokkeerd',
    'step.skip': 'Geldt niet voor mij',
    'step.blockedBecause': 'Geblokkeerd: {r}',
    'step.naBecause': 'Niet van toepassing: {r}',
    'step.first': 'Doe eerst:',
    'step.note': 'Je notitie',
    'step.noteSave': 'Notitie opslaan',
    'step.notYours': '{who} regelt deze stap; hier zie je hoe het gaat.',
    'step.legalNa':
        'Dit is een wettelijke verplichting: alleen je werkgever of het Expat Center kan aangeven dat die niet voor jou geldt.',
    'step.saved': 'Opgeslagen.',
    'step.queued':
        'Opgeslagen op deze telefoon; wordt verstuurd zodra je online bent.',
    'step.missing': 'Deze stap staat niet in je reis.',
  },
});

export async function render(main, {params}) {
  const model = await load();
  showOffline(model.offline, model.fetchedAt);
  const step = model.steps.find((s) => s.key === params.key);
  if (!step) {
    mount(main, h('p', {}, t('step.missing')));
    return;
  }
  const box = errorBox();
  const status = h('p', {role: 'status', class: 'muted'});
  const rerender = () => render(main, {params});
  const change = async (body, button) => {
    showError(box, null);
    if (button) button.disabled = true;
    // A second change of a step still waiting goes without the old etag.
    const waiting = pending().some(
        (c) => c.method === 'UpdateStep' && c.body.stepKey === step.key);
    try {
      const answer = await send(
          'JourneyService', 'UpdateStep',
          {stepKey: step.key, etag: waiting ? '' : step.etag, ...body},
          step.title);
      await rerender();
      main.querySelector('[role=status]').textContent =
          t(answer ? 'step.saved' : 'step.queued');
    } catch (err) {
      showError(box, err);
      if (button) button.disabled = false;
    }
  };
  const mine = step.owner === 'STEP_OWNER_NEWCOMER';
  const actions = [];
  if (mine && !step.finished) {
    if (step.status !== 'STEP_STATUS_IN_PROGRESS') {
      actions.push(
          h('button', {
            type: 'button',
            onclick: (e) =>
                change({status: 'STEP_STATUS_IN_PROGRESS'}, e.target)
          },
            t('step.start')));
    }
    if (step.ready) {
      actions.push(
          h('button', {
            type: 'button',
            class: 'primary',
            onclick: (e) => change({status: 'STEP_STATUS_DONE'}, e.target)
          },
            t('step.done')));
    }
    if (!step.legalRule) {
      actions.push(
          h('button', {
            type: 'button',
            onclick: (e) =>
                change({status: 'STEP_STATUS_NOT_APPLICABLE'}, e.target)
          },
            t('step.skip')));
    }
  }
  if (mine && step.finished) {
    actions.push(
        h('button', {
          type: 'button',
          onclick: (e) => change({status: 'STEP_STATUS_TODO'}, e.target)
        },
          t('step.reopen')));
  }
  let blockForm = null;
  if (mine && step.status !== 'STEP_STATUS_BLOCKED' && !step.finished) {
    const reasonField =
        field(t('step.blockReason'), {name: 'reason', maxlength: 500});
    blockForm =
        h('form', {class: 'block-form'}, reasonField,
          h('button', {type: 'submit'}, t('step.blockSend')));
    blockForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const reason = blockForm.elements.reason.value.trim();
      if (!reason) {
        showError(box, new Error(t('step.blockReason')));
        return;
      }
      change(
          {status: 'STEP_STATUS_BLOCKED', blockedReason: reason},
          blockForm.querySelector('button'));
    });
  }
  const noteForm = h(
      'form', {},
      field(t('step.note'), {name: 'note', value: step.note, maxlength: 2000}),
      h('button', {type: 'submit'}, t('step.noteSave')));
  noteForm.addEventListener('submit', (e) => {
    e.preventDefault();
    change(
        {note: noteForm.elements.note.value, setNote: true},
        noteForm.querySelector('button'));
  });
  mount(
      main, h('p', {}, h('a', {href: '#/journey'}, t('step.back'))),
      h('h1', {}, step.title),
      h('p', {class: 'meta'},
        h('span', {class: 'badge'},
          t('step.status', {s: t(`status.${step.status}`)})),
        whenText(step) ? h('span', {}, whenText(step)) : null,
        step.overdue ? h('span', {class: 'badge bad'},
                         t('words.overdue', {n: step.daysOverdue})) :
                       null),
      step.changing ? h('p', {class: 'pending'}, t('words.pendingSync')) : null,
      step.status === 'STEP_STATUS_BLOCKED' ?
          h('p', {class: 'notice'},
            t('step.blockedBecause', {r: step.blockedReason})) :
          null,
      step.status === 'STEP_STATUS_NOT_APPLICABLE' && step.blockedReason ?
          h('p', {class: 'notice'},
            t('step.naBecause', {r: step.blockedReason})) :
          null,
      step.help ? h('p', {class: 'help'}, step.help) : null, legalBox(step),
      h('p', {}, t('words.who', {who: t(`owner.${step.owner}`)})),
      step.dependsOn.length ?
          [
            h('p', {}, t('step.first')),
            h('ul', {},
              step.dependsOn.map(
                  (d) =>
                      h('li', {}, `${d.done ? '✓' : '○'} `,
                        h('a', {href: `#/step/${encodeURIComponent(d.key)}`},
                          d.title))))
          ] :
          null,
      box, status,
      mine ? null :
             h('p', {class: 'muted'},
               t('step.notYours', {who: t(`owner.${step.owner}`)})),
      mine && step.legalRule && !step.finished ?
          h('p', {class: 'hint'}, t('step.legalNa')) :
          null,
      actions.length ? h('div', {class: 'actions'}, actions) : null, blockForm,
      mine ? noteForm : null);
}
