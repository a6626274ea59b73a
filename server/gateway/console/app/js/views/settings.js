// The app's settings page for newcomers and buddies: how notifications
// reach them by e-mail (the console's mail_settings.js), reached from Me.
import {h, mount} from '/js/dom.js';
import {addStrings, t} from '/js/i18n.js';
import {mailSettingsCard} from '/js/views/mail_settings.js';

addStrings({
  en: {'appSettings.heading': 'Settings', 'appSettings.back': 'Back to Me'},
  nl: {'appSettings.heading': 'Instellingen', 'appSettings.back': 'Terug naar Ik'},
});

export async function render(main) {
  mount(main, h('h1', {}, t('appSettings.heading')), mailSettingsCard(),
        h('p', {}, h('a', {href: '#/me'}, t('appSettings.back'))));
}
