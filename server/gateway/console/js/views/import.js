// HR's bulk invitation of new hires from the CSV the HR system exports
// (ImportService, docs/CONSOLE.md lists the columns): choose the file, see
// every row as it would be invited with its errors (row and column as the
// file names them, in the console's language), then invite the valid rows
// in one go. Rows already invited are skipped, so the same file can be
// uploaded again after fixing the rows with errors.
import {call} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, field, showError} from '../form.js';
import {setDirty} from '../guard.js';
import {addStrings, formatDate, t} from '../i18n.js';

const MAX_BYTES = 1 << 20;

// The file's text. Excel's plain "CSV" is Windows-1252, not UTF-8: read
// as that when the bytes are not UTF-8, so "Müller" stays "Müller".
async function fileText(file) {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

addStrings({
  en: {
    'imp.heading': 'Import new hires',
    'imp.intro': 'Upload the CSV your HR system exports: one row per new ' +
        'hire with Name and E-mail, and where known Arrival date, Start ' +
        'date, Municipality, Household, EU, Permit type and Language ' +
        '(headers in English or Dutch, "," or ";" between fields). You see ' +
        'every row before anyone is invited.',
    'imp.file': 'CSV file',
    'imp.tooLarge': 'The file is larger than 1 MiB; split it into smaller files.',
    'imp.summary': '{ready} to invite, {skipped} already there, {invalid} with errors',
    'imp.done': '{n} invited, {skipped} already there, {invalid} with errors',
    'imp.row': 'Row', 'imp.name': 'Name', 'imp.email': 'E-mail',
    'imp.start': 'Start date', 'imp.outcome': 'Result', 'imp.problems': 'To fix',
    'imp.sendEmail': 'Also send each invitation link by e-mail',
    'imp.confirm': 'Invite {n} new hires',
    'imp.invitedToast': '{n} new hires invited.',
    'imp.see': 'See the invitations',
    'imp.NEW_HIRE_OUTCOME_READY': 'will be invited',
    'imp.NEW_HIRE_OUTCOME_INVITED': 'invited',
    'imp.NEW_HIRE_OUTCOME_ALREADY_INVITED': 'already invited',
    'imp.NEW_HIRE_OUTCOME_ALREADY_MEMBER': 'already a member',
    'imp.NEW_HIRE_OUTCOME_INVALID': 'not invited',
  },
  nl: {
    'imp.heading': 'Nieuwe medewerkers importeren',
    'imp.intro': 'Upload de CSV die uw HR-systeem exporteert: één rij per ' +
        'nieuwe medewerker met Naam en E-mailadres, en waar bekend ' +
        'Aankomstdatum, Startdatum, Gemeente, Huishouden, EU, ' +
        'Verblijfsvergunning en Taal (kolomnamen in het Nederlands of ' +
        'Engels, "," of ";" tussen de velden). U ziet elke rij voordat er ' +
        'iemand wordt uitgenodigd.',
    'imp.file': 'CSV-bestand',
    'imp.tooLarge': 'Het bestand is groter dan 1 MiB; splits het in kleinere bestanden.',
    'imp.summary': '{ready} uit te nodigen, {skipped} al bekend, {invalid} met fouten',
    'imp.done': '{n} uitgenodigd, {skipped} al bekend, {invalid} met fouten',
    'imp.row': 'Rij', 'imp.name': 'Naam', 'imp.email': 'E-mailadres',
    'imp.start': 'Startdatum', 'imp.outcome': 'Resultaat', 'imp.problems': 'Te verbeteren',
    'imp.sendEmail': 'Stuur elke uitnodigingslink ook per e-mail',
    'imp.confirm': '{n} nieuwe medewerkers uitnodigen',
    'imp.invitedToast': '{n} nieuwe medewerkers uitgenodigd.',
    'imp.see': 'Naar de uitnodigingen',
    'imp.NEW_HIRE_OUTCOME_READY': 'wordt uitgenodigd',
    'imp.NEW_HIRE_OUTCOME_INVITED': 'uitgenodigd',
    'imp.NEW_HIRE_OUTCOME_ALREADY_INVITED': 'al uitgenodigd',
    'imp.NEW_HIRE_OUTCOME_ALREADY_MEMBER': 'al lid',
    'imp.NEW_HIRE_OUTCOME_INVALID': 'niet uitgenodigd',
  },
});

const BADGE = {
  NEW_HIRE_OUTCOME_READY: 'ok',
  NEW_HIRE_OUTCOME_INVITED: 'ok',
  NEW_HIRE_OUTCOME_INVALID: 'bad',
};

function rowsTable(rows) {
  return h('table', {class: 'data', id: 'import-rows'},
    h('thead', {}, h('tr', {},
      ['imp.row', 'imp.name', 'imp.email', 'imp.start', 'imp.outcome',
       'imp.problems'].map((k) => h('th', {scope: 'col'}, t(k))))),
    h('tbody', {}, rows.map((row) => h('tr', {},
      h('td', {}, String(row.row)),
      h('td', {}, row.displayName || '—'),
      h('td', {}, row.email || '—'),
      h('td', {}, formatDate(row.profile?.startDate)),
      h('td', {}, h('span', {class: `badge ${BADGE[row.outcome] || 'neutral'}`},
                    t('imp.' + row.outcome))),
      h('td', {}, (row.errors || []).length === 0 ? '—' :
        h('ul', {}, row.errors.map((e) =>
          h('li', {}, e.column ? `${e.column}: ${e.message}` : e.message))))))));
}

export async function render(main) {
  const box = errorBox();
  const result = h('div', {id: 'import-result'});
  const input = field(t('imp.file'), {type: 'file', name: 'file',
                                      accept: '.csv,text/csv'});
  const sendEmail = h('input', {type: 'checkbox', id: 'import-send-email'});

  const preview = async (csv) => {
    const resp = await call('ImportService', 'PreviewNewHires', {csv});
    const ready = resp.readyCount || 0;
    const confirm = h('button', {type: 'button', disabled: ready === 0},
                      t('imp.confirm', {n: ready}));
    confirm.addEventListener('click', async () => {
      showError(box, null);
      confirm.disabled = true;
      try {
        const done = await call('ImportService', 'ImportNewHires',
            {csv, sendEmail: sendEmail.checked,
             requestId: crypto.randomUUID()});
        setDirty(false);
        toast(t('imp.invitedToast', {n: done.invitedCount || 0}));
        mount(result,
          h('p', {role: 'status'}, t('imp.done', {n: done.invitedCount || 0,
            skipped: done.skippedCount || 0, invalid: done.invalidCount || 0})),
          rowsTable(done.rows || []),
          h('div', {class: 'actions'},
            h('a', {class: 'button', href: '#/invitations'}, t('imp.see'))));
      } catch (err) {
        showError(box, err);
        confirm.disabled = false;
      }
    });
    setDirty(ready > 0);
    mount(result,
      h('p', {role: 'status'}, t('imp.summary', {ready,
        skipped: resp.skippedCount || 0, invalid: resp.invalidCount || 0})),
      rowsTable(resp.rows || []),
      h('div', {class: 'actions'},
        h('label', {for: 'import-send-email'}, sendEmail, ' ', t('imp.sendEmail')),
        confirm));
  };

  input.querySelector('input').addEventListener('change', async (e) => {
    showError(box, null);
    mount(result);
    const file = e.target.files[0];
    if (!file) return;
    if (file.size > MAX_BYTES) {
      showError(box, new Error(t('imp.tooLarge')));
      return;
    }
    try {
      await preview(await fileText(file));
    } catch (err) {
      showError(box, err);
    }
  });

  mount(main,
    h('div', {class: 'page-head'}, h('h1', {}, t('imp.heading'))),
    h('p', {}, t('imp.intro')),
    input, box, result);
}
