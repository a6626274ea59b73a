// Labelled form fields and the error box every form shares. Each field is
// a <label> wrapping its control, so screen readers announce the label and
// a click on the text focuses the control.
import {h} from './dom.js';
import {setDirty} from './guard.js';
import {reason} from './reasons.js';

let nextId = 0;

// field('Email', {name: 'email', type: 'email', required: true})
export function field(label, attrs = {}, hint = '') {
  const id = attrs.id || `f${++nextId}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const control = attrs.options
      ? h('select', {...attrs, options: undefined, id, 'aria-describedby': hintId},
          attrs.options.map(([value, text]) =>
              h('option', {value, selected: value === attrs.value}, text)))
      : h('input', {...attrs, id, 'aria-describedby': hintId});
  return h('div', {class: 'field'},
           h('label', {for: id}, label),
           control,
           hint ? h('p', {class: 'hint', id: hintId}, hint) : null);
}

// The place where a form shows the server's message (role=alert, so it is
// announced as soon as it appears).
export function errorBox() {
  return h('div', {class: 'error', role: 'alert', hidden: true});
}

export function showError(box, error) {
  box.textContent = error ? reason(error) : '';
  box.hidden = !error;
}

// Runs `action` on submit with the submit button disabled meanwhile; shows
// a thrown error in `box`. Typing in the form counts as an unsaved edit
// (the shell asks before leaving) until the action succeeds; `guard: false`
// for forms whose content is worth nothing once left (sign-in).
export function onSubmit(form, box, action, {guard = true} = {}) {
  if (guard) form.addEventListener('input', () => setDirty(true));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = form.querySelector('[type=submit]');
    showError(box, null);
    if (button) button.disabled = true;
    // Cleared first: an action may leave edits of its own (the template).
    if (guard) setDirty(false);
    try {
      await action(new FormData(form));
    } catch (err) {
      if (guard) setDirty(true);
      showError(box, err);
      if (err && err.code !== 'unauthenticated') box.focus?.();
    } finally {
      if (button) button.disabled = false;
    }
  });
}
