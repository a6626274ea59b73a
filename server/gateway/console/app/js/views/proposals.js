// The buddy's matches: proposals with why (the score breakdown) and the
// time left of their 72 hours, to accept or decline; matched newcomers'
// limited profiles (first name, languages, municipality), with ending a
// match (the newcomer is matched again, never with this buddy).
import {call} from '/js/api.js';
import {h, mount, toast} from '/js/dom.js';
import {errorBox, showError} from '/js/form.js';
import {addStrings, t} from '/js/i18n.js';

import {showOffline} from '../main.js';
import {read} from '../store.js';
import {dateTime, place} from '../words.js';

addStrings({
  en: {
    'prop.heading': 'Your newcomers',
    'prop.proposals': 'Proposals',
    'prop.none':
        'No proposals now. The Expat Center proposes newcomers after its matching runs.',
    'prop.matched': 'Matched',
    'prop.noneMatched': 'No matched newcomers yet.',
    'prop.who': '{name} · speaks {languages} · {place}',
    'prop.score': 'Why you: {total} points',
    'prop.languages': 'Languages',
    'prop.interests': 'Interests',
    'prop.distance': 'Distance',
    'prop.profession': 'Field of work',
    'prop.household': 'Household',
    'prop.left': '{h} h {m} min left to answer (until {until})',
    'prop.expired': 'The 72 hours have passed.',
    'prop.accept': 'Accept',
    'prop.decline': 'Decline',
    'prop.accepted': 'You are {name}’s buddy now.',
    'prop.declined': 'Proposal declined.',
    'prop.end': 'End this match',
    'prop.confirmEnd':
        'End the match with {name}? They will get another buddy.',
    'prop.ended': 'Match ended.',
  },
  nl: {
    'prop.heading': 'Je nieuwkomers',
    'prop.proposals': 'Voorstellen',
    'prop.none':
        'Nu geen voorstellen. Het Expat Center stelt nieuwkomers voor na een koppelronde.',
    'prop.matched': 'Gekoppeld',
    'prop.noneMatched': 'Nog geen gekoppelde nieuwkomers.',
    'prop.who': '{name} · spreekt {languages} · {place}',
    'prop.score': 'Waarom jij: {total} punten',
    'prop.languages': 'Talen',
    'prop.interests': 'Interesses',
    'prop.distance': 'Afstand',
    'prop.profession': 'Vakgebied',
    'prop.household': 'Huishouden',
    'prop.left': 'Nog {h} u {m} min om te antwoorden (tot {until})',
    'prop.expired': 'De 72 uur zijn voorbij.',
    'prop.accept': 'Accepteren',
    'prop.decline': 'Afwijzen',
    'prop.accepted': 'Je bent nu de buddy van {name}.',
    'prop.declined': 'Voorstel afgewezen.',
    'prop.end': 'Koppeling beëindigen',
    'prop.confirmEnd':
        'De koppeling met {name} beëindigen? Die krijgt dan een andere buddy.',
    'prop.ended': 'Koppeling beëindigd.',
  },
});

function who(m) {
  const n = m.newcomer || {};
  return t('prop.who', {
    name: n.firstName || '—',
    languages: (n.languages || []).join(', '),
    place: place(n.municipality)
  });
}

function countdown(m) {
  const left = Date.parse(m.expireTime) - Date.now();
  if (!(left > 0)) return t('prop.expired');
  return t('prop.left', {
    h: Math.floor(left / 3600000),
    m: Math.floor((left % 3600000) / 60000),
    until: dateTime(m.expireTime)
  });
}

export async function render(main) {
  const {value, offline, fetchedAt} =
      await read('matches', () => call('BuddyService', 'ListMatches', {}));
  showOffline(offline, fetchedAt);
  const all = value.matches || [];
  const box = errorBox();
  const act = (button, work) => async () => {
    showError(box, null);
    button.disabled = true;
    try {
      await work();
      await render(main);
    } catch (err) {
      if (!err.silent) showError(box, err);
      button.disabled = false;
    }
  };
  const proposal = (m) => {
    const s = m.score || {};
    const accept =
        h('button', {type: 'button', class: 'primary'}, t('prop.accept'));
    const decline = h('button', {type: 'button'}, t('prop.decline'));
    const answer = (yes) => async () => {
      await call(
          'BuddyService', 'AnswerProposal',
          {matchId: m.matchId, accept: yes, requestId: crypto.randomUUID()});
      toast(
          t(yes ? 'prop.accepted' : 'prop.declined',
            {name: m.newcomer?.firstName || ''}));
    };
    accept.addEventListener('click', act(accept, answer(true)));
    decline.addEventListener('click', act(decline, answer(false)));
    return h(
        'article', {class: 'card', dataset: {match: m.matchId}},
        h('h3', {}, who(m)), h('p', {class: 'pending'}, countdown(m)),
        h('p', {}, h('strong', {}, t('prop.score', {total: s.total || 0}))),
        h('ul', {class: 'list-plain'},
          ['languages', 'interests', 'distance', 'profession', 'household'].map(
              (k) =>
                  h('li', {class: 'score-row'}, h('span', {}, t(`prop.${k}`)),
                    h('span', {}, String(s[k] || 0))))),
        h('div', {class: 'actions'}, accept, decline));
  };
  const matched = (m) => {
    const end = h('button', {type: 'button'}, t('prop.end'));
    end.addEventListener(
        'click', act(end, async () => {
          if (!confirm(
                  t('prop.confirmEnd', {name: m.newcomer?.firstName || ''}))) {
            throw Object.assign(new Error(''), {silent: true});
          }
          await call(
              'BuddyService', 'RequestRematch',
              {matchId: m.matchId, requestId: crypto.randomUUID()});
          toast(t('prop.ended'));
        }));
    return h(
        'article', {class: 'card', dataset: {match: m.matchId}},
        h('h3', {}, who(m)), h('div', {class: 'actions'}, end));
  };
  const proposals = all.filter((m) => m.state === 'MATCH_STATE_PROPOSED');
  const accepted = all.filter((m) => m.state === 'MATCH_STATE_ACCEPTED');
  mount(
      main, h('h1', {}, t('prop.heading')), box,
      h('h2', {}, t('prop.proposals')),
      proposals.length ? proposals.map(proposal) :
                         h('p', {class: 'muted'}, t('prop.none')),
      h('h2', {}, t('prop.matched')),
      accepted.length ? accepted.map(matched) :
                        h('p', {class: 'muted'}, t('prop.noneMatched')));
}
