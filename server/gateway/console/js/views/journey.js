// One newcomer's journey as a timeline: every step with its due date,
// owner, status, overdue badge and legal basis. Steps the caller may change
// (HR: HR-owned steps; advisors: any) have a "Mark done" button; the
// server's answer (e.g. which prerequisites are not done) is shown as is.
import {call} from '../api.js';
import {h, mount} from '../dom.js';
import {errorBox, showError} from '../form.js';
import {confirmAction} from '../guard.js';
import {addStrings, formatDate, formatInstantDate, localized, t} from '../i18n.js';
import {mergeChanges} from '../journey_changes.js';
import {municipalityName} from '../municipalities.js';
import {progressBar} from './newcomers.js';

addStrings({
  en: {
    'journey.title': 'Journey',
    'journey.heading': 'Journey of {name}',
    'journey.back': 'All newcomers',
    'journey.day': 'Day {n}',
    'journey.arrives': 'Arrives in {n} days',
    'journey.overdueCount': '{n} overdue',
    'journey.arrival': 'Arrival',
    'journey.start': 'First working day',
    'journey.municipality': 'Municipality',
    'journey.due': 'Due {date}',
    'journey.pending': 'Due date follows once an earlier date is known',
    'journey.doneOn': 'Done {date}',
    'journey.overdue': '{n} days overdue',
    'journey.legal': 'Legal obligation',
    'journey.markDone': 'Mark done',
    'journey.markDoneLabel': 'Mark “{step}” done',
    'journey.marked': '“{step}” is done.',
    'journey.legalAsk': 'Mark “{step}” done?',
    'journey.legalBody': 'This is a legal obligation. Mark it done only once it has really happened: reminders and escalations for it stop.',
    'journey.legalYes': 'Yes, it is done',
    'journey.source': 'Source',
    'journey.print': 'Print',
    'journey.printLabel': 'Print this journey (for the newcomer, e.g. to take to the municipality)',
    'journey.printedOn': 'Printed on {date} from Welkom.',
    'journey.blocked': 'Blocked: {reason}',
    'owner.STEP_OWNER_NEWCOMER': 'Newcomer',
    'owner.STEP_OWNER_HR': 'HR',
    'owner.STEP_OWNER_ADVISOR': 'Expat Center',
    'owner.STEP_OWNER_BUDDY': 'Buddy',
    'status.STEP_STATUS_TODO': 'To do',
    'status.STEP_STATUS_IN_PROGRESS': 'In progress',
    'status.STEP_STATUS_DONE': 'Done',
    'status.STEP_STATUS_BLOCKED': 'Blocked',
    'status.STEP_STATUS_NOT_APPLICABLE': 'Not applicable',
  },
  nl: {
    'journey.title': 'Traject',
    'journey.heading': 'Traject van {name}',
    'journey.back': 'Alle nieuwkomers',
    'journey.day': 'Dag {n}',
    'journey.arrives': 'Komt over {n} dagen aan',
    'journey.overdueCount': '{n} te laat',
    'journey.arrival': 'Aankomst',
    'journey.start': 'Eerste werkdag',
    'journey.municipality': 'Gemeente',
    'journey.due': 'Uiterlijk {date}',
    'journey.pending': 'De datum volgt zodra een eerdere datum bekend is',
    'journey.doneOn': 'Klaar op {date}',
    'journey.overdue': '{n} dagen te laat',
    'journey.legal': 'Wettelijke verplichting',
    'journey.markDone': 'Afvinken',
    'journey.markDoneLabel': '“{step}” afvinken',
    'journey.marked': '“{step}” is afgevinkt.',
    'journey.legalAsk': '“{step}” afvinken?',
    'journey.legalBody': 'Dit is een wettelijke verplichting. Vink het pas af als het echt gebeurd is: herinneringen en escalaties ervoor stoppen.',
    'journey.legalYes': 'Ja, het is gedaan',
    'journey.source': 'Bron',
    'journey.print': 'Afdrukken',
    'journey.printLabel': 'Dit traject afdrukken (voor de nieuwkomer, bijvoorbeeld voor de gemeente)',
    'journey.printedOn': 'Afgedrukt op {date} uit Welkom.',
    'journey.blocked': 'Geblokkeerd: {reason}',
    'owner.STEP_OWNER_NEWCOMER': 'Nieuwkomer',
    'owner.STEP_OWNER_HR': 'HR',
    'owner.STEP_OWNER_ADVISOR': 'Expat Center',
    'owner.STEP_OWNER_BUDDY': 'Buddy',
    'status.STEP_STATUS_TODO': 'Te doen',
    'status.STEP_STATUS_IN_PROGRESS': 'Bezig',
    'status.STEP_STATUS_DONE': 'Klaar',
    'status.STEP_STATUS_BLOCKED': 'Geblokkeerd',
    'status.STEP_STATUS_NOT_APPLICABLE': 'Niet van toepassing',
  },
});

const FINISHED = ['STEP_STATUS_DONE', 'STEP_STATUS_NOT_APPLICABLE'];

// Mirrors auth::CanChangeStep for the console roles; the server decides.
function canChange(role, step) {
  if (role === 'ROLE_ADVISOR') return true;
  return role === 'ROLE_HR' && step.owner === 'STEP_OWNER_HR';
}

function anchorDate(journey, anchor) {
  return (journey.anchors || []).find((a) => a.anchor === anchor)?.date ||
         (anchor === 'ANCHOR_ARRIVAL' ? journey.profile?.arrivalDate
                                      : journey.profile?.startDate);
}

function statusBadge(step) {
  if (step.overdue) {
    return h('span', {class: 'badge bad'}, t('journey.overdue', {n: step.daysOverdue || 0}));
  }
  const kind = step.status === 'STEP_STATUS_DONE' ? 'ok'
      : step.status === 'STEP_STATUS_BLOCKED' ? 'warn' : 'neutral';
  return h('span', {class: `badge ${kind}`}, t('status.' + step.status));
}

function stepItem(step, role, onDone) {
  const title = localized(step.titleText) || step.title;
  const done = step.status === 'STEP_STATUS_DONE';
  const when = done && step.doneTime
      ? t('journey.doneOn', {date: formatInstantDate(step.doneTime)})
      : step.pending ? t('journey.pending')
      : t('journey.due', {date: formatDate(step.dueDate)});
  const classes = [done ? 'done' : '', step.overdue ? 'overdue' : ''].join(' ').trim();
  return h('li', {class: classes || null, dataset: {step: step.key}},
      h('div', {class: 'step-head'},
        h('h2', {class: 'step-title'}, title),
        h('span', {}, statusBadge(step), ' ',
          step.legal ? h('span', {class: 'badge warn'}, t('journey.legal')) : null)),
      h('p', {class: 'muted'}, `${when} · ${t('owner.' + step.owner)}`),
      step.status === 'STEP_STATUS_BLOCKED' && step.blockedReason
          ? h('p', {}, t('journey.blocked', {reason: step.blockedReason})) : null,
      step.legal?.rule ? h('p', {class: 'hint'}, localized(step.legal.rule), ' ',
          step.legal.sourceUrl ? h('a', {href: step.legal.sourceUrl, rel: 'noopener',
                                         target: '_blank'}, t('journey.source')) : null)
          : null,
      !FINISHED.includes(step.status) && canChange(role, step)
          ? h('button', {type: 'button', class: 'small',
                         'aria-label': t('journey.markDoneLabel', {step: title}),
                         onclick: (e) => onDone(step, title, e.currentTarget)},
              t('journey.markDone'))
          : null);
}

export async function render(main, {params, query, session}) {
  const box = errorBox();
  const status = h('p', {class: 'sr-status', role: 'status'});
  let journey = (await call('JourneyService', 'GetJourney', {journeyId: params.id})).journey;

  async function markDone(step, title, button) {
    showError(box, null);
    if (step.legal && !(await confirmAction({title: t('journey.legalAsk', {step: title}),
                                             body: t('journey.legalBody'),
                                             confirm: t('journey.legalYes')}))) {
      return;
    }
    button.disabled = true;
    try {
      const resp = await call('JourneyService', 'UpdateStep', {
        journeyId: journey.id, stepKey: step.key, status: 'STEP_STATUS_DONE',
        etag: step.etag, requestId: crypto.randomUUID(), journeyEtag: journey.etag,
      });
      // The answer holds what changed; when someone else changed the journey
      // meanwhile, the whole journey comes again.
      const merged = mergeChanges(journey, resp.changes);
      journey = merged.current ? merged.journey
          : (await call('JourneyService', 'GetJourney', {journeyId: journey.id})).journey;
      draw();
      status.textContent = t('journey.marked', {step: title});
      main.querySelector(`[data-step="${CSS.escape(step.key)}"]`)?.setAttribute('tabindex', '-1');
      main.querySelector(`[data-step="${CSS.escape(step.key)}"]`)?.focus();
    } catch (err) {
      button.disabled = false;
      showError(box, err);
      box.setAttribute('tabindex', '-1');
      box.focus();
    }
  }

  function draw() {
    const p = journey.profile || {};
    mount(main,
        h('p', {}, h('a', {href: '#/newcomers'}, `← ${t('journey.back')}`)),
        h('div', {class: 'page-head'},
          h('h1', {}, t('journey.heading', {name: journey.newcomerName})),
          h('button', {type: 'button', class: 'small no-print', 'aria-label': t('journey.printLabel'),
                       onclick: () => window.print()}, t('journey.print')),
          h('span', {}, h('span', {class: 'badge neutral'}, (journey.day || 0) < 0
              ? t('journey.arrives', {n: -journey.day})
              : t('journey.day', {n: journey.day || 0})),
            ' ', journey.overdueCount
                ? h('span', {class: 'badge bad'}, t('journey.overdueCount', {n: journey.overdueCount}))
                : null)),
        h('div', {class: 'card'},
          h('dl', {class: 'facts'},
            h('dt', {}, t('journey.arrival')),
            h('dd', {}, formatDate(anchorDate(journey, 'ANCHOR_ARRIVAL'))),
            h('dt', {}, t('journey.start')),
            h('dd', {}, formatDate(anchorDate(journey, 'ANCHOR_START_OF_WORK'))),
            h('dt', {}, t('journey.municipality')),
            h('dd', {}, municipalityName(p.municipality))),
          progressBar(journey.progressPercent || 0)),
        box, status,
        h('ol', {class: 'timeline'},
          (journey.steps || []).map((s) => stepItem(s, session.member.role, markDone))),
        h('p', {class: 'print-only muted'},
          t('journey.printedOn', {date: formatInstantDate(new Date().toISOString())})));
  }
  draw();
  // Opened at a step (from Today or the inbox): that step is marked and
  // scrolled to once the page is on screen.
  const asked = query?.get('step');
  const target = asked && main.querySelector(`[data-step="${CSS.escape(asked)}"]`);
  if (target) {
    target.classList.add('focused');
    target.setAttribute('tabindex', '-1');
    requestAnimationFrame(() => {
      target.scrollIntoView({block: 'center'});
      target.focus({preventScroll: true});
    });
  }
}
