// Small SVG charts for the Observatory, drawn without a library. Every
// chart has a title and a text description for screen readers; suppressed
// values are drawn as a hatched grey stub labelled "fewer than 5".
//   barChart({title, unit: '%', max: 100, rows: [{label, value, suppressed}]})
import {h, svg} from './dom.js';

const ROW = 26;
const LABEL_W = 330;
const BAR_W = 380;
const VALUE_W = 110;

const MAX_LABEL = 40;

// Long labels (step titles) are cut with an ellipsis; the full text stays
// in the SVG <title> and in the chart's description.
function shorten(label) {
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}

function format(value, unit) {
  return `${Math.round(value * 10) / 10}${unit || ''}`;
}

// Horizontal bars, one per row, scaled to `max` (default: the largest).
// When every row is suppressed, a sentence (`emptyText`) replaces the chart.
export function barChart({title, unit = '', max, rows, suppressedText, describe, emptyText}) {
  const caption = h('figcaption', {}, h('strong', {}, title),
                    describe ? h('p', {class: 'hint'}, describe) : null);
  if (rows.every((r) => r.suppressed)) {
    return h('figure', {class: 'chart card'}, caption, h('p', {}, emptyText || suppressedText));
  }
  const top = Math.max(max || 0, ...rows.filter((r) => !r.suppressed).map((r) => r.value), 1);
  const height = rows.length * ROW + 8;
  const width = LABEL_W + BAR_W + VALUE_W;
  const bars = rows.map((r, i) => {
    const y = i * ROW + 4;
    const w = r.suppressed ? 0 : Math.max(1, (r.value / top) * BAR_W);
    return svg('g', {},
        svg('text', {x: LABEL_W - 8, y: y + 17, 'text-anchor': 'end'},
            svg('title', {}, r.label), shorten(r.label)),
        r.suppressed
            ? svg('rect', {x: LABEL_W, y: y + 4, width: 40, height: ROW - 10,
                           class: 'suppressed'})
            : svg('rect', {x: LABEL_W, y: y + 4, width: w, height: ROW - 10,
                           class: r.alt ? 'bar alt' : 'bar'}),
        svg('text', {x: LABEL_W + (r.suppressed ? 48 : w + 6), y: y + 17},
            r.suppressed ? suppressedText : format(r.value, unit)));
  });
  const description = rows.map((r) => `${r.label}: ${
      r.suppressed ? suppressedText : format(r.value, unit)}`).join('; ');
  return h('figure', {class: 'chart card'},
      caption,
      svg('svg', {viewBox: `0 0 ${width} ${height}`, width, role: 'img',
                  'aria-label': `${title}. ${description}`},
        svg('line', {x1: LABEL_W, y1: 0, x2: LABEL_W, y2: height, class: 'axis'}),
        bars));
}
