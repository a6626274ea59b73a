// One step as a card in the lists (today, journey): title, status, when,
// who acts, a line of help, and the link to its page.
import {h} from '/js/dom.js';
import {t} from '/js/i18n.js';

import {whenText} from '../words.js';

export function stepCard(step, {withHelp = true} = {}) {
  const classes = ['card', 'step'];
  if (step.legalRule) classes.push('legal');
  if (step.overdue) classes.push('overdue');
  if (step.finished) classes.push('done');
  return h(
      'article', {class: classes.join(' '), dataset: {step: step.key}},
      h('h3', {},
        h('a', {href: `#/step/${encodeURIComponent(step.key)}`}, step.title)),
      h('div', {class: 'meta'},
        h('span', {class: `badge ${step.finished ? 'ok' : ''}`},
          t(`status.${step.status}`)),
        step.overdue ? h('span', {class: 'badge bad'},
                         t('words.overdue', {n: step.daysOverdue})) :
                       null,
        whenText(step) ? h('span', {}, whenText(step)) : null,
        h('span', {}, t('words.who', {who: t(`owner.${step.owner}`)}))),
      step.changing ? h('p', {class: 'pending'}, t('words.pendingSync')) : null,
      withHelp && step.help ? h('p', {class: 'help'}, step.help) : null);
}
