// The console's settings page: how notifications reach the staff member by
// e-mail (mail_settings.js) and the organisation's webhook endpoints
// (webhook_settings.js).
import {h, mount} from '../dom.js';
import {addStrings, t} from '../i18n.js';

import {mailSettingsCard} from './mail_settings.js';
import {webhooksCard} from './webhook_settings.js';

addStrings({
  en: {'settings.heading': 'Settings'},
  nl: {'settings.heading': 'Instellingen'},
});

export async function render(main) {
  mount(main, h('h1', {}, t('settings.heading')), mailSettingsCard(),
        webhooksCard());
}
