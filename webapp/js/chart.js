// Bar charts as inline SVG built with DOM APIs (no markup strings, no chart library): one <rect
// class="bar"> per value, so the numbers stay readable by tests and screen readers alike.

import { formatDate } from './ui.js';

const SVG = 'http://www.w3.org/2000/svg';

function el(name, attributes = {}, text) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * A bar chart of `data` ([{label, value, day?, series?: [{value, className}]}]). Each datum gets one
 * group with one rect.bar (stacked series get one rect per series, the first with class "bar").
 * `describe(datum)` gives each bar's tooltip text.
 */
export function barChart(data, { title = '', describe = (d) => `${d.label}: ${d.value}`, className = '' } = {}) {
  const barWidth = 24;
  const gap = 6;
  const height = 200;
  const top = 16;
  const bottom = 44;
  const left = 36;
  const width = left + data.length * (barWidth + gap) + gap;
  const max = Math.max(1, ...data.map((d) => d.value));
  const scale = (value) => (value / max) * (height - top - bottom);

  const svg = el('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    class: `chart ${className}`.trim(),
    role: 'img',
    preserveAspectRatio: 'xMinYMin meet',
  });
  if (title) svg.append(el('title', {}, title));

  // Grid: the baseline and the maximum.
  const base = height - bottom;
  svg.append(el('line', { x1: left, x2: width, y1: base, y2: base, class: 'axis' }));
  svg.append(el('line', { x1: left, x2: width, y1: top, y2: top, class: 'grid' }));
  svg.append(el('text', { x: left - 6, y: base + 4, class: 'tick', 'text-anchor': 'end' }, '0'));
  svg.append(el('text', { x: left - 6, y: top + 4, class: 'tick', 'text-anchor': 'end' }, String(max)));

  const every = Math.max(1, Math.ceil(data.length / 16));
  data.forEach((d, i) => {
    const x = left + gap + i * (barWidth + gap);
    const group = el('g', { class: 'bar-group', 'data-index': i, ...(d.day ? { 'data-day': d.day } : {}) });
    const series = d.series ?? [{ value: d.value, className: '' }];
    let y = base;
    series.forEach((s, n) => {
      const h = scale(s.value);
      y -= h;
      const rect = el('rect', {
        x,
        y,
        width: barWidth,
        height: Math.max(h, 0),
        class: n === 0 ? `bar ${s.className ?? ''}`.trim() : `bar-part ${s.className ?? ''}`.trim(),
        'data-value': n === 0 ? d.value : s.value,
        ...(d.day && n === 0 ? { 'data-day': d.day } : {}),
      });
      rect.append(el('title', {}, describe(d)));
      group.append(rect);
    });
    if (d.value > 0) group.append(el('text', { x: x + barWidth / 2, y: y - 3, class: 'value', 'text-anchor': 'middle' }, String(d.value)));
    if (i % every === 0) {
      group.append(el('text', { x: x + barWidth / 2, y: base + 14, class: 'label', 'text-anchor': 'middle' }, d.label));
      if (d.sublabel) group.append(el('text', { x: x + barWidth / 2, y: base + 28, class: 'sublabel', 'text-anchor': 'middle' }, d.sublabel));
    }
    svg.append(group);
  });
  return svg;
}

/** Labels a 'YYYY-MM-DD' day for an axis: the day of the month, and the weekday below. */
export function dayLabels(day) {
  const [, , dd] = day.split('-');
  return { label: String(Number(dd)), sublabel: formatDate(day, 'weekday') };
}
