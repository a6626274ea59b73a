// Buddy matching for advisors: run a region-wide matching round, the open
// proposals with their score breakdown (confirm one for the buddy, who
// agreed by phone or in person, or withdraw it), a buddy chosen by hand
// (override), the newcomers still without a buddy and the volunteer pool
// with each buddy's load.
import {call, listAll} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, onSubmit, showError} from '../form.js';
import {addStrings, formatDateTime, t} from '../i18n.js';
import {noBuddyTable, poolTable, scoreBreakdown, withoutBuddy} from './buddy_pool.js';

addStrings({
  en: {
    'buddies.heading': 'Buddy matching',
    'buddies.run': 'Run matching round',
    'buddies.runHint': 'Proposes a buddy to every newcomer with preferences and no open match, '
        + 'with the best total fit over the whole region. Each buddy then has 72 hours to answer.',
    'buddies.ran': '{n} new proposals; {left} newcomers left without one.',
    'buddies.proposals': 'Open proposals',
    'buddies.noProposals': 'No proposals are waiting for an answer.',
    'buddies.newcomer': 'Newcomer',
    'buddies.buddy': 'Buddy',
    'buddies.score': 'Why this buddy (points)',
    'buddies.expires': 'Answer due',
    'buddies.overridden': 'Chosen by hand',
    'buddies.confirm': 'Confirm for buddy',
    'buddies.confirmLabel': 'Confirm {buddy} as buddy of {newcomer} (the buddy agreed)',
    'buddies.confirmed': '{buddy} is now the buddy of {newcomer}.',
    'buddies.withdraw': 'Withdraw',
    'buddies.withdrawLabel': 'Withdraw the proposal of {buddy} to {newcomer}',
    'buddies.withdrawn': 'The proposal is withdrawn; {newcomer} goes into the next round.',
    'buddies.accepted': 'Accepted matches: {n}',
    'buddies.override': 'Choose a buddy by hand',
    'buddies.overrideHint': 'Ends the newcomer’s open proposal; the chosen buddy still answers.',
    'buddies.overrideNewcomer': 'Newcomer',
    'buddies.overrideBuddy': 'Buddy',
    'buddies.overrideSubmit': 'Propose this buddy',
    'buddies.overridden.toast': '{buddy} is proposed to {newcomer}.',
    'buddies.free': '{name} ({n} free)',
  },
  nl: {
    'buddies.heading': 'Buddy’s koppelen',
    'buddies.run': 'Koppelronde starten',
    'buddies.runHint': 'Stelt elke nieuwkomer met voorkeuren en zonder open koppeling een buddy voor, '
        + 'met de beste totale match over de hele regio. Elke buddy heeft daarna 72 uur om te antwoorden.',
    'buddies.ran': '{n} nieuwe voorstellen; {left} nieuwkomers bleven zonder.',
    'buddies.proposals': 'Open voorstellen',
    'buddies.noProposals': 'Er wachten geen voorstellen op antwoord.',
    'buddies.newcomer': 'Nieuwkomer',
    'buddies.buddy': 'Buddy',
    'buddies.score': 'Waarom deze buddy (punten)',
    'buddies.expires': 'Antwoord uiterlijk',
    'buddies.overridden': 'Met de hand gekozen',
    'buddies.confirm': 'Bevestigen namens buddy',
    'buddies.confirmLabel': '{buddy} bevestigen als buddy van {newcomer} (de buddy stemde in)',
    'buddies.confirmed': '{buddy} is nu de buddy van {newcomer}.',
    'buddies.withdraw': 'Intrekken',
    'buddies.withdrawLabel': 'Het voorstel van {buddy} aan {newcomer} intrekken',
    'buddies.withdrawn': 'Het voorstel is ingetrokken; {newcomer} doet mee in de volgende ronde.',
    'buddies.accepted': 'Geaccepteerde koppelingen: {n}',
    'buddies.override': 'Met de hand een buddy kiezen',
    'buddies.overrideHint': 'Beëindigt het open voorstel van de nieuwkomer; de gekozen buddy antwoordt nog.',
    'buddies.overrideNewcomer': 'Nieuwkomer',
    'buddies.overrideBuddy': 'Buddy',
    'buddies.overrideSubmit': 'Deze buddy voorstellen',
    'buddies.overridden.toast': '{buddy} is voorgesteld aan {newcomer}.',
    'buddies.free': '{name} ({n} vrij)',
  },
});


function proposalTable(proposals, act) {
  if (!proposals.length) return h('p', {}, t('buddies.noProposals'));
  return h('table', {class: 'data'},
      h('thead', {}, h('tr', {},
          ['buddies.newcomer', 'buddies.buddy', 'buddies.score', 'buddies.expires', '']
              .map((k) => h('th', {scope: 'col'}, k ? t(k) : '')))),
      h('tbody', {}, proposals.map((m) => {
        const names = {newcomer: m.newcomer?.firstName || '—', buddy: m.buddy?.firstName || '—'};
        return h('tr', {},
            h('th', {scope: 'row'}, names.newcomer),
            h('td', {}, names.buddy, m.overridden
                ? [' ', h('span', {class: 'badge neutral'}, t('buddies.overridden'))] : null),
            h('td', {}, scoreBreakdown(m.score)),
            h('td', {}, formatDateTime(m.expireTime)),
            h('td', {}, h('div', {class: 'actions tight'},
                h('button', {type: 'button', class: 'small primary',
                             'aria-label': t('buddies.confirmLabel', names),
                             onclick: (e) => act('confirm', m, names, e.currentTarget)},
                  t('buddies.confirm')),
                h('button', {type: 'button', class: 'small',
                             'aria-label': t('buddies.withdrawLabel', names),
                             onclick: (e) => act('withdraw', m, names, e.currentTarget)},
                  t('buddies.withdraw')))));
      })));
}

function overrideForm(waiting, buddies, onDone) {
  const box = errorBox();
  let requestId = crypto.randomUUID();
  const free = buddies.filter((b) => !b.paused && (b.capacity || 0) > (b.activeMatches || 0));
  const form = h('form', {class: 'card', 'aria-labelledby': 'override-heading'},
      h('h2', {id: 'override-heading'}, t('buddies.override')),
      h('p', {class: 'hint'}, t('buddies.overrideHint')),
      box,
      h('div', {class: 'row'},
        field(t('buddies.overrideNewcomer'), {name: 'newcomer', required: true,
              options: waiting.map((j) => [j.newcomerId, j.newcomerName || j.newcomerId])}),
        field(t('buddies.overrideBuddy'), {name: 'buddy', required: true,
              options: free.map((b) => [b.buddyId, t('buddies.free', {
                name: b.firstName || b.buddyId, n: b.capacity - (b.activeMatches || 0)})])})),
      h('button', {type: 'submit', class: 'primary'}, t('buddies.overrideSubmit')));
  onSubmit(form, box, async (data) => {
    const m = await call('BuddyService', 'OverrideMatch', {
      newcomerId: data.get('newcomer'), buddyId: data.get('buddy'), requestId});
    requestId = crypto.randomUUID();
    toast(t('buddies.overridden.toast', {buddy: m.buddy?.firstName, newcomer: m.newcomer?.firstName}));
    await onDone();
  });
  return form;
}

export async function render(main) {
  const box = errorBox();
  const status = h('p', {class: 'sr-status', role: 'status', 'aria-live': 'polite'});
  let lastRun = '';
  const draw = async () => {
    const [matches, buddies, journeys] = await Promise.all([
      listAll('BuddyService', 'ListMatches', {}, 'matches', 5000),
      listAll('BuddyService', 'ListBuddies', {}, 'buddies', 5000),
      listAll('JourneyService', 'ListJourneys', {}, 'journeys', 5000),
    ]);
    const proposals = matches.filter((m) => m.state === 'MATCH_STATE_PROPOSED');
    const accepted = matches.filter((m) => m.state === 'MATCH_STATE_ACCEPTED').length;
    const waiting = withoutBuddy(journeys, matches);
    const act = async (kind, m, names, button) => {
      showError(box, null);
      button.disabled = true;
      try {
        if (kind === 'confirm') {
          await call('BuddyService', 'AnswerProposal',
                     {matchId: m.matchId, accept: true, requestId: crypto.randomUUID()});
        } else {
          await call('BuddyService', 'RequestRematch',
                     {matchId: m.matchId, requestId: crypto.randomUUID()});
        }
        toast(t(kind === 'confirm' ? 'buddies.confirmed' : 'buddies.withdrawn', names));
        await draw();
      } catch (err) {
        button.disabled = false;
        showError(box, err);
      }
    };
    const runButton = h('button', {type: 'button', class: 'primary', autofocus: true,
                                   'aria-describedby': 'run-hint'}, t('buddies.run'));
    runButton.addEventListener('click', async () => {
      showError(box, null);
      runButton.disabled = true;
      try {
        const r = await call('BuddyService', 'RunMatching', {requestId: crypto.randomUUID()});
        lastRun = t('buddies.ran', {n: (r.proposals || []).length, left: r.unmatchedNewcomers || 0});
        await draw();
        toast(lastRun);
      } catch (err) {
        runButton.disabled = false;
        showError(box, err);
      }
    });
    mount(main,
        h('div', {class: 'page-head'}, h('h1', {}, t('buddies.heading')), runButton),
        h('p', {class: 'hint', id: 'run-hint'}, t('buddies.runHint')),
        lastRun ? h('p', {class: 'notice'}, lastRun) : null,
        status,
        box,
        h('h2', {}, t('buddies.proposals')),
        proposalTable(proposals, act),
        h('p', {class: 'muted'}, t('buddies.accepted', {n: accepted})),
        h('h2', {id: 'nobuddy-heading'}, t('nobuddy.heading')),
        h('p', {class: 'hint'}, t('nobuddy.hint')),
        noBuddyTable(waiting),
        waiting.length ? overrideForm(waiting, buddies, draw) : null,
        h('h2', {id: 'pool-heading'}, t('pool.heading')),
        poolTable(buddies));
    status.textContent = lastRun;
  };
  await draw();
}
