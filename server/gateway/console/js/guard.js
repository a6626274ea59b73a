// Safety for what cannot be taken back, and for edits not yet saved.
//   if (await confirmAction({title, body, confirm: t('events.cancel')})) ...
//   setDirty(true)   // the page holds edits the server does not have yet
// confirmAction shows a modal <dialog> (focus stays inside it, Escape or
// the "Go back" button answers false). The shell asks before leaving a page
// while isDirty() and clears the flag whenever a page is drawn anew.
import {h} from './dom.js';
import {addStrings, t} from './i18n.js';

addStrings({
  en: {'guard.back': 'Go back',
       'guard.leaveTitle': 'Leave this page?',
       'guard.leaveBody': 'Your changes on this page are not saved yet.',
       'guard.leave': 'Leave without saving'},
  nl: {'guard.back': 'Terug',
       'guard.leaveTitle': 'Deze pagina verlaten?',
       'guard.leaveBody': 'Je wijzigingen op deze pagina zijn nog niet opgeslagen.',
       'guard.leave': 'Verlaten zonder opslaan'},
});

let dirty = false;

export function setDirty(value) {
  dirty = !!value;
}

export function isDirty() {
  return dirty;
}

// Resolves true when the person chose `confirm`, false otherwise.
export function confirmAction({title, body = '', confirm}) {
  return new Promise((resolve) => {
    let answer = false;
    const dialog = h('dialog', {class: 'confirm', 'aria-labelledby': 'confirm-title'},
        h('h2', {id: 'confirm-title'}, title),
        body ? h('p', {}, body) : null,
        h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'primary danger',
                       onclick: () => { answer = true; dialog.close(); }}, confirm),
          h('button', {type: 'button', autofocus: true,
                       onclick: () => dialog.close()}, t('guard.back'))));
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

// Asks before a page with unsaved edits is left; true when it may go.
export async function mayLeave() {
  if (!dirty) return true;
  const ok = await confirmAction({title: t('guard.leaveTitle'), body: t('guard.leaveBody'),
                                  confirm: t('guard.leave')});
  if (ok) dirty = false;
  return ok;
}

window.addEventListener('beforeunload', (e) => {
  if (dirty) e.preventDefault();
});
