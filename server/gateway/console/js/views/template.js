// HR edits the employer template: the company steps added to every new
// newcomer's journey (add, edit, move, remove) and which optional regional
// steps to leave out. Regional legal steps are shown locked. Saving stores
// a new version; journeys already planned keep theirs. A stale etag (someone
// saved meanwhile) shows the server's message and reloads the template.
import {call} from '../api.js';
import {h, mount, toast} from '../dom.js';
import {errorBox, onSubmit, showError} from '../form.js';
import {confirmAction, setDirty} from '../guard.js';
import {addStrings, t} from '../i18n.js';
import {describeStep, keyFor, stepFields, stepFromForm, stepTitle} from './template_step.js';

addStrings({
  en: {
    'template.heading': 'Company template',
    'template.intro': 'Steps added to the journey of every newcomer you invite from now on. '
        + 'Journeys already planned keep the version they started with.',
    'template.version': 'Version {n}',
    'template.never': 'Not saved yet',
    'template.company': 'Company steps',
    'template.noCompany': 'No company steps yet.',
    'template.up': 'Move up',
    'template.down': 'Move down',
    'template.edit': 'Edit',
    'template.remove': 'Remove',
    'template.upLabel': 'Move “{title}” up',
    'template.downLabel': 'Move “{title}” down',
    'template.editLabel': 'Edit “{title}”',
    'template.removeLabel': 'Remove “{title}”',
    'template.removeAsk': 'Remove “{title}”?',
    'template.removeBody': 'Newcomers invited after you save will not get this step.',
    'template.removeYes': 'Remove the step',
    'template.add': 'Add a company step',
    'template.editing': 'Edit “{title}”',
    'template.apply': 'Apply',
    'template.addSubmit': 'Add step',
    'template.cancel': 'Cancel',
    'template.regional': 'Regional steps',
    'template.regionalHint': 'Legal steps are required by law and cannot be left out.',
    'template.legal': 'Legal — locked',
    'template.include': 'Include “{title}”',
    'template.unsaved': 'Unsaved changes.',
    'template.save': 'Save template',
    'template.saved': 'Template saved as version {n}.',
    'template.stale': 'Reloaded the current version; make your change again.',
  },
  nl: {
    'template.heading': 'Bedrijfssjabloon',
    'template.intro': 'Stappen die vanaf nu aan het traject van elke uitgenodigde nieuwkomer worden toegevoegd. '
        + 'Trajecten die al gepland zijn houden hun versie.',
    'template.version': 'Versie {n}',
    'template.never': 'Nog niet opgeslagen',
    'template.company': 'Bedrijfsstappen',
    'template.noCompany': 'Nog geen bedrijfsstappen.',
    'template.up': 'Omhoog',
    'template.down': 'Omlaag',
    'template.edit': 'Wijzigen',
    'template.remove': 'Verwijderen',
    'template.upLabel': '“{title}” omhoog',
    'template.downLabel': '“{title}” omlaag',
    'template.editLabel': '“{title}” wijzigen',
    'template.removeLabel': '“{title}” verwijderen',
    'template.removeAsk': '“{title}” verwijderen?',
    'template.removeBody': 'Nieuwkomers die je na het opslaan uitnodigt krijgen deze stap niet.',
    'template.removeYes': 'Stap verwijderen',
    'template.add': 'Bedrijfsstap toevoegen',
    'template.editing': '“{title}” wijzigen',
    'template.apply': 'Toepassen',
    'template.addSubmit': 'Stap toevoegen',
    'template.cancel': 'Annuleren',
    'template.regional': 'Regionale stappen',
    'template.regionalHint': 'Wettelijke stappen zijn verplicht en kunnen niet worden weggelaten.',
    'template.legal': 'Wettelijk — vast',
    'template.include': '“{title}” opnemen',
    'template.unsaved': 'Niet-opgeslagen wijzigingen.',
    'template.save': 'Sjabloon opslaan',
    'template.saved': 'Sjabloon opgeslagen als versie {n}.',
    'template.stale': 'De huidige versie is opnieuw geladen; breng je wijziging opnieuw aan.',
  },
});

function companyList(state, redraw) {
  if (!state.steps.length) return h('p', {}, t('template.noCompany'));
  const move = (i, by) => {
    const [step] = state.steps.splice(i, 1);
    state.steps.splice(i + by, 0, step);
    state.dirty = true;
    redraw(`[data-move^="${step.key}:"]:not([disabled])`);
  };
  const last = state.steps.length - 1;
  return h('ol', {class: 'steps'}, state.steps.map((s, i) => {
    const title = stepTitle(s);
    const button = (text, label, attrs, onclick) => h('button', {
      type: 'button', class: 'small', 'aria-label': t(label, {title}), ...attrs, onclick}, t(text));
    return h('li', {class: 'card'},
        h('div', {class: 'step-head'},
          h('div', {}, h('strong', {}, title), h('br'),
            h('span', {class: 'muted'}, describeStep(s))),
          h('div', {class: 'actions tight'},
            button('template.up', 'template.upLabel',
                   {disabled: i === 0, dataset: {move: `${s.key}:-1`}}, () => move(i, -1)),
            button('template.down', 'template.downLabel',
                   {disabled: i === last, dataset: {move: `${s.key}:1`}}, () => move(i, 1)),
            button('template.edit', 'template.editLabel', {}, () => {
              state.editing = s.key;
              redraw('#step-form input');
            }),
            button('template.remove', 'template.removeLabel', {}, async () => {
              if (!(await confirmAction({title: t('template.removeAsk', {title}),
                                         body: t('template.removeBody'),
                                         confirm: t('template.removeYes')}))) return;
              state.steps.splice(state.steps.indexOf(s), 1);
              state.dirty = true;
              redraw('#save-template');
            }))));
  }));
}

function stepForm(state, catalogue, redraw) {
  const editing = state.steps.find((s) => s.key === state.editing);
  const step = editing || {};
  const earlier = [...catalogue.map((d) => [d.key, stepTitle(d)]),
                   ...state.steps.filter((s) => s.key !== step.key)
                       .map((s) => [s.key, stepTitle(s)])];
  const box = errorBox();
  const heading = editing ? t('template.editing', {title: stepTitle(editing)}) : t('template.add');
  const form = h('form', {class: 'card', id: 'step-form', 'aria-labelledby': 'step-form-heading'},
      h('h2', {id: 'step-form-heading'}, heading),
      box,
      stepFields(step, earlier),
      h('div', {class: 'actions'},
        h('button', {type: 'submit', class: 'primary'},
          t(editing ? 'template.apply' : 'template.addSubmit')),
        editing ? h('button', {type: 'button', onclick: () => {
          state.editing = null;
          redraw();
        }}, t('template.cancel')) : null));
  onSubmit(form, box, async (data) => {
    const taken = new Set([...catalogue.map((d) => d.key), ...state.steps.map((s) => s.key)]);
    const key = editing ? editing.key : keyFor(data.get('titleEn'), taken);
    const next = stepFromForm(data, step, key);
    if (editing) state.steps[state.steps.indexOf(editing)] = next;
    else state.steps.push(next);
    state.editing = null;
    state.dirty = true;
    redraw('#save-template');
  });
  return form;
}

function regionalList(state, catalogue, redraw) {
  return h('ul', {class: 'regional'}, catalogue.map((d) => {
    const title = stepTitle(d);
    if (d.legal) {
      return h('li', {}, h('span', {class: 'badge neutral'}, t('template.legal')), ' ', title);
    }
    return h('li', {}, h('label', {class: 'check'},
        h('input', {type: 'checkbox', checked: !state.omitted.has(d.key),
                    'aria-label': t('template.include', {title}), dataset: {omit: d.key},
                    onchange: (e) => {
                      if (e.target.checked) state.omitted.delete(d.key);
                      else state.omitted.add(d.key);
                      state.dirty = true;
                      redraw(`[data-omit="${d.key}"]`);
                    }}),
        title));
  }));
}

export async function render(main) {
  const box = errorBox();
  let state;
  let catalogue = [];
  const load = async () => {
    const [tpl, cat] = await Promise.all([
      call('TemplateService', 'GetTemplate', {}),
      call('CatalogueService', 'GetCatalogue', {}),
    ]);
    const template = tpl.template || {};
    catalogue = cat.catalogue?.steps || [];
    state = {version: template.version || 0, etag: template.etag || '',
             steps: template.steps || [], omitted: new Set(template.omittedSteps || []),
             editing: null, dirty: false};
  };
  const save = async (button) => {
    showError(box, null);
    button.disabled = true;
    try {
      const resp = await call('TemplateService', 'SaveTemplate', {
        steps: state.steps, omittedSteps: [...state.omitted], etag: state.etag,
        requestId: crypto.randomUUID()});
      toast(t('template.saved', {n: resp.template.version}));
      await load();
      redraw('#save-template');
    } catch (err) {
      if (err.code === 'aborted') {
        await load();
        redraw();
        showError(box, {message: `${err.message} ${t('template.stale')}`});
        return;
      }
      button.disabled = false;
      showError(box, err);
    }
  };
  const redraw = (focus) => {
    setDirty(state.dirty);
    mount(main,
        h('div', {class: 'page-head'},
          h('h1', {}, t('template.heading')),
          h('span', {class: 'badge neutral'},
            state.version ? t('template.version', {n: state.version}) : t('template.never'))),
        h('p', {class: 'hint'}, t('template.intro')),
        box,
        h('h2', {}, t('template.company')),
        companyList(state, redraw),
        stepForm(state, catalogue, redraw),
        h('h2', {}, t('template.regional')),
        h('p', {class: 'hint'}, t('template.regionalHint')),
        regionalList(state, catalogue, redraw),
        h('div', {class: 'actions'},
          h('button', {type: 'button', class: 'primary', id: 'save-template',
                       onclick: (e) => save(e.currentTarget)}, t('template.save')),
          state.dirty ? h('span', {class: 'notice', role: 'status'}, t('template.unsaved')) : null));
    if (focus) main.querySelector(focus)?.focus();
  };
  await load();
  redraw();
}
