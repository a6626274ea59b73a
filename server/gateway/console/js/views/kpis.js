// The Talent Observatory (advisors and admins): regional KPIs as charts,
// compared by municipality, employer size or EU/non-EU, with a CSV export.
// The server suppresses every figure about fewer than 5 newcomers; this
// page only draws what it gets.
import {call} from '../api.js';
import {barChart} from '../charts.js';
import {h, mount, saveFile, toast} from '../dom.js';
import {errorBox, field, showError} from '../form.js';
import {addStrings, formatDate, t} from '../i18n.js';

addStrings({
  en: {
    'kpis.title': 'Observatory',
    'kpis.heading': 'Talent Observatory',
    'kpis.asOf': 'Figures as of {date}. Figures about fewer than {k} newcomers are hidden so that no one can be singled out.',
    'kpis.cut': 'Compare by',
    'cut.KPI_CUT_REGION': 'Whole region',
    'cut.KPI_CUT_MUNICIPALITY': 'Municipality',
    'cut.KPI_CUT_EMPLOYER_SIZE': 'Employer size',
    'cut.KPI_CUT_EU_CITIZENSHIP': 'EU / non-EU',
    'kpis.csv': 'Download CSV',
    'kpis.csvDone': 'CSV downloaded.',
    'kpis.suppressed': 'fewer than 5',
    'kpis.groups': 'Newcomers per group',
    'kpis.bsn': 'Days from arrival to BSN',
    'kpis.bsnHint': 'Median (blue) and 90th percentile (orange), over newcomers who have their BSN.',
    'kpis.median': 'median',
    'kpis.buddy': 'Buddy within 14 days of arrival',
    'kpis.buddyHint': 'Share of newcomers who arrived at least 14 days ago.',
    'kpis.completion': 'Steps done by day 30, 60 and 90',
    'kpis.completionHint': 'Steps that apply, done within N days of arrival, over newcomers who arrived at least N days ago.',
    'kpis.day': 'day {n}',
    'kpis.checkin': 'Check-in scores',
    'kpis.checkinHint': 'Number of check-in answers per score (0–10).',
    'kpis.checkinNone': 'No figure yet: fewer than 5 newcomers have answered a check-in.',
    'kpis.overdue': 'Overdue rate per step',
    'kpis.overdueHint': 'Open journeys where the step is past its due date, out of open journeys where it applies.',
    'kpis.group': 'Group',
    'kpis.newcomers': 'Newcomers',
  },
  nl: {
    'kpis.title': 'Observatorium',
    'kpis.heading': 'Talent Observatorium',
    'kpis.asOf': 'Cijfers per {date}. Cijfers over minder dan {k} nieuwkomers zijn verborgen, zodat niemand herkenbaar is.',
    'kpis.cut': 'Vergelijk op',
    'cut.KPI_CUT_REGION': 'Hele regio',
    'cut.KPI_CUT_MUNICIPALITY': 'Gemeente',
    'cut.KPI_CUT_EMPLOYER_SIZE': 'Grootte werkgever',
    'cut.KPI_CUT_EU_CITIZENSHIP': 'EU / buiten de EU',
    'kpis.csv': 'CSV downloaden',
    'kpis.csvDone': 'CSV gedownload.',
    'kpis.suppressed': 'minder dan 5',
    'kpis.groups': 'Nieuwkomers per groep',
    'kpis.bsn': 'Dagen van aankomst tot BSN',
    'kpis.bsnHint': 'Mediaan (blauw) en 90e percentiel (oranje), over nieuwkomers met een BSN.',
    'kpis.median': 'mediaan',
    'kpis.buddy': 'Buddy binnen 14 dagen na aankomst',
    'kpis.buddyHint': 'Aandeel van de nieuwkomers die minstens 14 dagen geleden aankwamen.',
    'kpis.completion': 'Stappen klaar op dag 30, 60 en 90',
    'kpis.completionHint': 'Geldende stappen die binnen N dagen na aankomst klaar waren, over nieuwkomers die minstens N dagen geleden aankwamen.',
    'kpis.day': 'dag {n}',
    'kpis.checkin': 'Check-in-scores',
    'kpis.checkinHint': 'Aantal check-in-antwoorden per score (0–10).',
    'kpis.checkinNone': 'Nog geen cijfer: minder dan 5 nieuwkomers hebben een check-in ingevuld.',
    'kpis.overdue': 'Percentage te laat per stap',
    'kpis.overdueHint': 'Lopende trajecten waarin de stap over tijd is, van de lopende trajecten waarin hij geldt.',
    'kpis.group': 'Groep',
    'kpis.newcomers': 'Nieuwkomers',
  },
});

const CUTS = ['KPI_CUT_REGION', 'KPI_CUT_MUNICIPALITY', 'KPI_CUT_EMPLOYER_SIZE',
              'KPI_CUT_EU_CITIZENSHIP'];

function share(s) {
  return {value: s?.percent || 0, suppressed: !s || !!s.suppressed};
}

function charts(r) {
  const hidden = t('kpis.suppressed');
  const groups = r.groups || [];
  const many = groups.length > 1;
  const named = (g, suffix) => (many ? `${g.label} · ${suffix}` : suffix);
  // Several rows per group; a hidden group gets one row saying so.
  const perGroup = (fn) => groups.flatMap((g) => (g.suppressed
      ? [{label: g.label, value: 0, suppressed: true}] : fn(g)));
  return [
    barChart({title: t('kpis.groups'), suppressedText: hidden,
              rows: groups.map((g) => ({label: g.label, value: g.newcomers || 0,
                                        suppressed: !!g.suppressed}))}),
    barChart({title: t('kpis.bsn'), describe: t('kpis.bsnHint'), suppressedText: hidden,
              rows: perGroup((g) => {
                const b = g.arrivalToBsn || {};
                const off = !!b.suppressed;
                return [{label: named(g, t('kpis.median')), value: b.median || 0, suppressed: off},
                        {label: named(g, 'p90'), value: b.p90 || 0, suppressed: off, alt: true}];
              })}),
    barChart({title: t('kpis.buddy'), describe: t('kpis.buddyHint'), unit: '%', max: 100,
              suppressedText: hidden,
              rows: groups.map((g) => ({label: g.label, ...share(g.buddyWithin14Days)}))}),
    barChart({title: t('kpis.completion'), describe: t('kpis.completionHint'), unit: '%',
              max: 100, suppressedText: hidden,
              rows: perGroup((g) => (g.completion || []).map((c, i) => ({
                label: named(g, t('kpis.day', {n: c.day})), alt: i % 2 === 1,
                ...share(c.share)})))}),
    barChart({title: t('kpis.checkin'), describe: t('kpis.checkinHint'), suppressedText: hidden,
              emptyText: t('kpis.checkinNone'),
              rows: perGroup((g) => (g.checkinSuppressed
                  ? [{label: g.label, value: 0, suppressed: true}]
                  : (r.checkinBucketLabels || []).map((label, i) => ({
                    label: named(g, label), value: (g.checkinBuckets || [])[i] || 0}))))}),
    barChart({title: t('kpis.overdue'), describe: t('kpis.overdueHint'), unit: '%', max: 100,
              suppressedText: hidden,
              rows: (r.overdueByStep || []).map((s) => ({label: s.title, ...share(s.overdue)}))
                  .sort((a, b) => a.suppressed - b.suppressed || b.value - a.value)}),
  ];
}

async function downloadCsv(cut, box) {
  showError(box, null);
  try {
    const resp = await call('InsightsService', 'ExportKpisCsv', {cut});
    saveFile(resp.filename || 'welkom-kpis.csv', resp.csv || '', 'text/csv');
    toast(t('kpis.csvDone'));
  } catch (err) {
    showError(box, err);
  }
}

export async function render(main, {query}) {
  const cut = CUTS.includes(query.get('cut')) ? query.get('cut') : CUTS[0];
  const r = await call('InsightsService', 'GetKpis', {cut});
  const box = errorBox();
  mount(main,
      h('div', {class: 'page-head'},
        h('h1', {}, t('kpis.heading')),
        h('button', {type: 'button', class: 'primary',
                     onclick: () => downloadCsv(cut, box)}, t('kpis.csv'))),
      h('p', {class: 'muted'}, t('kpis.asOf', {date: formatDate(r.asOf), k: r.minCell || 5})),
      box,
      h('div', {class: 'filters'},
        field(t('kpis.cut'), {name: 'cut', value: cut,
              options: CUTS.map((c) => [c, t('cut.' + c)]),
              onchange: (e) => { location.hash = `#/kpis?cut=${e.target.value}`; }})),
      h('div', {class: 'kpi-grid'}, charts(r)));
}
