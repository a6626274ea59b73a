// The whole journey: every step with its help text, the legal rule and its
// source, when it is due (or what it waits for) and who acts; open steps
// first, finished ones after.
import {h, mount} from '/js/dom.js';
import {addStrings, t} from '/js/i18n.js';

import {load} from '../journey_source.js';
import {showOffline} from '../main.js';
import {text} from '../words.js';

import {stepCard} from './step_card.js';
import {dayHeading} from './today.js';

addStrings({
  en: {
    'journey.heading': 'Your journey',
    'journey.open': 'Still to do',
    'journey.finished': 'Finished',
    'journey.rule': 'The rule',
    'journey.source': 'Source'
  },
  nl: {
    'journey.heading': 'Je reis',
    'journey.open': 'Nog te doen',
    'journey.finished': 'Afgerond',
    'journey.rule': 'De regel',
    'journey.source': 'Bron'
  },
});

export function legalBox(step) {
  if (!step.legalRule) return null;
  return h(
      'p', {class: 'legal-rule'}, h('strong', {}, `${t('journey.rule')}: `),
      text(step.legalRule), ' ',
      step.legalSource ? h('a', {
        href: step.legalSource,
        rel: 'noopener noreferrer',
        target: '_blank'
      },
                           t('journey.source')) :
                         null);
}

export async function render(main) {
  const model = await load();
  showOffline(model.offline, model.fetchedAt);
  const open = model.steps.filter((s) => !s.finished);
  const finished = model.steps.filter((s) => s.finished);
  const card = (s) => {
    const c = stepCard(s);
    const rule = legalBox(s);
    if (rule) c.append(rule);
    return c;
  };
  mount(
      main, h('h1', {}, t('journey.heading')),
      h('p', {class: 'muted'}, dayHeading(model)),
      h('h2', {}, t('journey.open')), open.map(card),
      finished.length ?
          [h('h2', {}, t('journey.finished')), finished.map(card)] :
          null);
}
