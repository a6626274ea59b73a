// "Erase my data" on the Me page of newcomers and buddies
// (PrivacyService, GDPR art. 17): what erasure removes and what stays,
// a confirmation before it is asked, the day it happens, and calling it off
// until then. With no grace period the erasure happens at once and the app
// returns to the sign-in page.
import {call, clearSession} from '/js/api.js';
import {h, toast} from '/js/dom.js';
import {errorBox, showError} from '/js/form.js';
import {confirmAction} from '/js/guard.js';
import {addStrings, formatInstantDate, t} from '/js/i18n.js';
import {resetUnread} from '/js/inbox_feed.js';

import {forgetAll} from '../store.js';

addStrings({
  en: {
    'erase.heading': 'Erase my data',
    'erase.what':
        'Welkom then erases your name, e-mail address, journey notes, check-in comments, inbox, buddy details and everything else that is yours. Only anonymous figures stay (which municipality, which month, which steps were done when), without anything that points to you. Your account ends with it. You have a few days to change your mind; download your data first if you want to keep it.',
    'erase.ask': 'Erase my data…',
    'erase.sure':
        'Are you sure? After the waiting period this cannot be undone.',
    'erase.confirm': 'Yes, erase my data',
    'erase.scheduled':
        'Your data will be erased on {day}. Until then you can call it off.',
    'erase.cancel': 'Call off the erasure',
    'erase.cancelled': 'The erasure is called off. Your data stays.',
    'erase.asked': 'Erasure scheduled.',
    'erase.done': 'Your data has been erased.',
  },
  nl: {
    'erase.heading': 'Mijn gegevens wissen',
    'erase.what':
        'Welkom wist dan je naam, e-mailadres, notities in je reis, opmerkingen bij check-ins, meldingen, buddygegevens en al het andere dat van jou is. Alleen anonieme cijfers blijven (welke gemeente, welke maand, welke stappen wanneer klaar waren), zonder iets dat naar jou wijst. Je account stopt daarmee. Je hebt een paar dagen om je te bedenken; download eerst je gegevens als je ze wilt bewaren.',
    'erase.ask': 'Mijn gegevens wissen…',
    'erase.sure':
        'Weet je het zeker? Na de wachttijd kan dit niet meer ongedaan worden.',
    'erase.confirm': 'Ja, wis mijn gegevens',
    'erase.scheduled':
        'Je gegevens worden gewist op {day}. Tot dan kun je het afblazen.',
    'erase.cancel': 'Het wissen afblazen',
    'erase.cancelled': 'Het wissen is afgeblazen. Je gegevens blijven.',
    'erase.asked': 'Wissen ingepland.',
    'erase.done': 'Je gegevens zijn gewist.',
  },
});

function signedOutErased() {
  clearSession();
  resetUnread();
  forgetAll();
  toast(t('erase.done'));
  location.hash = '#/login';
}

export async function erasureSection(rerender) {
  const box = errorBox();
  let status = {state: 'ERASURE_STATE_NONE'};
  try {
    status = (await call('PrivacyService', 'GetErasureStatus', {})).status;
  } catch (err) {
    showError(box, err);
  }
  const section = h('section', {class: 'card', id: 'erase'},
                    h('h2', {}, t('erase.heading')), h('p', {}, t('erase.what')),
                    box);
  const act = async (method, done) => {
    showError(box, null);
    try {
      const resp =
          await call('PrivacyService', method, {requestId: crypto.randomUUID()});
      if (resp.status?.state === 'ERASURE_STATE_ERASED') return signedOutErased();
      toast(done);
      await rerender();
    } catch (err) {
      showError(box, err);
    }
  };
  if (status?.state === 'ERASURE_STATE_SCHEDULED') {
    section.append(
        h('p', {}, h('strong', {},
                     t('erase.scheduled',
                       {day: formatInstantDate(status.eraseTime)}))),
        h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'primary',
                       onclick: () => act('CancelErasure', t('erase.cancelled'))},
            t('erase.cancel'))));
    return section;
  }
  const ask = h('button', {type: 'button', onclick: async () => {
                  if (await confirmAction({title: t('erase.heading'),
                                           body: t('erase.sure'),
                                           confirm: t('erase.confirm')})) {
                    await act('RequestErasure', t('erase.asked'));
                  }
                }},
                t('erase.ask'));
  section.append(h('div', {class: 'actions'}, ask));
  return section;
}
