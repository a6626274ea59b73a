// "Your data": the person's copy of everything Welkom holds about them
// (PrivacyService.ExportMyData), saved as a JSON file. On the console's
// account page and the app's "Me" page alike.
import {call} from '../api.js';
import {h, saveFile, toast} from '../dom.js';
import {errorBox, showError} from '../form.js';
import {addStrings, t} from '../i18n.js';

addStrings({
  en: {
    'myData.heading': 'Your data',
    'myData.what':
        'Download everything Welkom holds about you — your account, your journey with its notes and check-ins, who looked at it, your notifications, events, classes and buddy — as one file (JSON) you can keep or take elsewhere.',
    'myData.download': 'Download my data',
    'myData.busy': 'Preparing…',
    'myData.done': 'Your data is downloaded.',
  },
  nl: {
    'myData.heading': 'Je gegevens',
    'myData.what':
        'Download alles wat Welkom over je bewaart — je account, je reis met notities en check-ins, wie ernaar keek, je meldingen, activiteiten, lessen en buddy — als één bestand (JSON) om te bewaren of mee te nemen.',
    'myData.download': 'Mijn gegevens downloaden',
    'myData.busy': 'Bezig…',
    'myData.done': 'Je gegevens zijn gedownload.',
  },
});

export function myDataCard() {
  const box = errorBox();
  const button = h('button', {type: 'button'}, t('myData.download'));
  button.addEventListener('click', async () => {
    showError(box, null);
    button.disabled = true;
    button.textContent = t('myData.busy');
    try {
      const resp = await call('PrivacyService', 'ExportMyData', {});
      const day = new Date().toISOString().slice(0, 10);
      saveFile(`welkom-my-data-${day}.json`, resp.json || '{}',
               'application/json');
      toast(t('myData.done'));
    } catch (err) {
      showError(box, err);
    } finally {
      button.disabled = false;
      button.textContent = t('myData.download');
    }
  });
  return h('section', {class: 'card narrow', 'data-my-data': ''},
           h('h2', {}, t('myData.heading')), h('p', {}, t('myData.what')), box,
           h('div', {class: 'actions'}, button));
}
