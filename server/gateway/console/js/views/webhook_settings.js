// "Webhooks" on the console's settings page (HR, advisors, admins): the
// organisation's endpoints (WebhookService, docs/WEBHOOKS.md), each with
// its event types, whether it is on, its delivery log, a new secret and
// delete (after a confirmation); a form adds one. A secret is shown once,
// right after it is made, with a copy button: the server never shows it
// again.
import {call} from '../api.js';
import {h, toast} from '../dom.js';
import {errorBox, field, onSubmit, showError} from '../form.js';
import {addStrings, t} from '../i18n.js';

const TYPES = ['step.done', 'step.overdue', 'newcomer.arrived',
               'match.accepted', 'checkin.low', 'delivery.failed'];

addStrings({
  en: {
    'hooks.heading': 'Webhooks',
    'hooks.what': 'Tell your own systems when something happens, signed as the Standard Webhooks specification describes. They receive ids, kinds and dates, never names, notes or scores.',
    'hooks.none': 'No webhook endpoints yet.',
    'hooks.url': 'Endpoint URL (https://)',
    'hooks.events': 'Events',
    'hooks.add': 'Add endpoint',
    'hooks.on': 'On',
    'hooks.off': 'Off: {reason}',
    'hooks.secret': 'Signing secret for {url}',
    'hooks.secretOnce': 'Shown only now. Keep it with the receiver; rotate it to get a new one.',
    'hooks.copy': 'Copy secret',
    'hooks.copied': 'Secret copied.',
    'hooks.rotate': 'New secret',
    'hooks.enable': 'Turn on',
    'hooks.delete': 'Delete',
    'hooks.confirmDelete': 'Delete the endpoint {url}? Its delivery log goes with it.',
    'hooks.deleted': 'Endpoint deleted.',
    'hooks.log': 'Deliveries',
    'hooks.noLog': 'No deliveries yet.',
    'hooks.logLine': '{when} · {type} · {status} · HTTP {http} · {ms} ms · {attempts}×',
    'event.step.done': 'Step done',
    'event.step.overdue': 'Step overdue',
    'event.newcomer.arrived': 'Newcomer arrived',
    'event.match.accepted': 'Buddy match accepted',
    'event.checkin.low': 'Low check-in',
    'event.delivery.failed': 'E-mail delivery failed',
  },
  nl: {
    'hooks.heading': 'Webhooks',
    'hooks.what': 'Laat je eigen systemen weten wanneer er iets gebeurt, ondertekend volgens de Standard Webhooks-specificatie. Ze krijgen id’s, soorten en datums, nooit namen, notities of scores.',
    'hooks.none': 'Nog geen webhook-endpoints.',
    'hooks.url': 'URL van het endpoint (https://)',
    'hooks.events': 'Gebeurtenissen',
    'hooks.add': 'Endpoint toevoegen',
    'hooks.on': 'Aan',
    'hooks.off': 'Uit: {reason}',
    'hooks.secret': 'Ondertekeningsgeheim voor {url}',
    'hooks.secretOnce': 'Alleen nu zichtbaar. Bewaar het bij de ontvanger; vraag een nieuw aan om het te vervangen.',
    'hooks.copy': 'Geheim kopiëren',
    'hooks.copied': 'Geheim gekopieerd.',
    'hooks.rotate': 'Nieuw geheim',
    'hooks.enable': 'Aanzetten',
    'hooks.delete': 'Verwijderen',
    'hooks.confirmDelete': 'Het endpoint {url} verwijderen? Het leveringslogboek gaat mee.',
    'hooks.deleted': 'Endpoint verwijderd.',
    'hooks.log': 'Leveringen',
    'hooks.noLog': 'Nog geen leveringen.',
    'hooks.logLine': '{when} · {type} · {status} · HTTP {http} · {ms} ms · {attempts}×',
    'event.step.done': 'Stap afgerond',
    'event.step.overdue': 'Stap te laat',
    'event.newcomer.arrived': 'Nieuwkomer aangekomen',
    'event.match.accepted': 'Buddykoppeling aangenomen',
    'event.checkin.low': 'Lage check-in',
    'event.delivery.failed': 'E-mail niet bezorgd',
  },
});

// The secret, once, with a copy button.
function secretBox(url, secret) {
  return h('div', {class: 'notice', 'data-secret': ''},
           h('p', {}, t('hooks.secret', {url})),
           h('code', {class: 'secret', tabindex: '0'}, secret),
           h('p', {class: 'hint'}, t('hooks.secretOnce')),
           h('div', {class: 'actions'},
             h('button', {type: 'button', onclick: async () => {
               await navigator.clipboard?.writeText(secret);
               toast(t('hooks.copied'));
             }}, t('hooks.copy'))));
}

function logLine(d) {
  return h('li', {}, t('hooks.logLine', {
    when: new Date(d.createTime).toLocaleString(),
    type: d.eventType,
    status: (d.status || '').replace('DELIVERY_STATUS_', '').toLowerCase(),
    http: d.httpStatus || 0,
    ms: d.latencyMs || 0,
    attempts: d.attempts || 0,
  }), d.lastError ? h('span', {class: 'muted'}, ` — ${d.lastError}`) : null);
}

export function webhooksCard() {
  const box = errorBox();
  const list = h('div', {});
  const shown = h('div', {'aria-live': 'polite'});
  const reload = () => call('WebhookService', 'ListWebhookEndpoints', {})
      .then((resp) => list.replaceChildren(...endpoints(resp.endpoints || [])),
            (err) => showError(box, err));
  const act = (fn) => async () => {
    showError(box, null);
    try {
      await fn();
    } catch (err) {
      showError(box, err);
    }
  };
  const endpoints = (all) => all.length === 0
      ? [h('p', {class: 'muted'}, t('hooks.none'))]
      : all.map((e) => {
        const log = h('ul', {hidden: true});
        return h('div', {class: 'card', 'data-endpoint': e.id},
          h('p', {}, h('code', {}, e.url)),
          h('p', {}, (e.eventTypes || []).map((x) => t(`event.${x}`)).join(', ')),
          h('p', {class: e.enabled ? '' : 'error'},
            e.enabled ? t('hooks.on') : t('hooks.off', {reason: e.disabledReason || ''})),
          h('div', {class: 'actions'},
            h('button', {type: 'button', class: 'small', onclick: act(async () => {
              const resp = await call('WebhookService', 'ListWebhookDeliveries',
                                      {endpointId: e.id});
              const rows = resp.deliveries || [];
              log.replaceChildren(...(rows.length ? rows.map(logLine)
                  : [h('li', {}, t('hooks.noLog'))]));
              log.hidden = !log.hidden;
            })}, t('hooks.log')),
            h('button', {type: 'button', class: 'small', onclick: act(async () => {
              const resp = await call('WebhookService', 'RotateWebhookSecret',
                                      {endpointId: e.id});
              shown.replaceChildren(secretBox(e.url, resp.secret));
            })}, t('hooks.rotate')),
            e.enabled ? null : h('button', {type: 'button', class: 'small', onclick: act(async () => {
              await call('WebhookService', 'EnableWebhookEndpoint', {endpointId: e.id});
              await reload();
            })}, t('hooks.enable')),
            h('button', {type: 'button', class: 'small', onclick: act(async () => {
              if (!confirm(t('hooks.confirmDelete', {url: e.url}))) return;
              await call('WebhookService', 'DeleteWebhookEndpoint', {endpointId: e.id});
              shown.replaceChildren();
              toast(t('hooks.deleted'));
              await reload();
            })}, t('hooks.delete'))),
          log);
      });
  const form = h('form', {'data-webhook-form': ''},
    field(t('hooks.url'), {name: 'url', type: 'url', required: true,
                           placeholder: 'https://'}),
    h('fieldset', {},
      h('legend', {}, t('hooks.events')),
      TYPES.map((type) => h('label', {class: 'check'},
        h('input', {type: 'checkbox', name: 'eventTypes', value: type}),
        t(`event.${type}`)))),
    h('div', {class: 'actions'},
      h('button', {type: 'submit', class: 'primary'}, t('hooks.add'))));
  onSubmit(form, box, async (data) => {
    const resp = await call('WebhookService', 'CreateWebhookEndpoint', {
      url: data.get('url'), eventTypes: data.getAll('eventTypes'),
    });
    form.reset();
    shown.replaceChildren(secretBox(resp.endpoint.url, resp.secret));
    await reload();
  });
  reload();
  return h('section', {class: 'card narrow', 'data-webhooks': ''},
           h('h2', {}, t('hooks.heading')), h('p', {}, t('hooks.what')),
           box, shown, list, form);
}
