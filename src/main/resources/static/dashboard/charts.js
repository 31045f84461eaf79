// @ts-check
// SVG charts drawn from the numbers the FHIR operations return; no number is computed here beyond placing it.
const NS = 'http://www.w3.org/2000/svg';
export const COLOURS = ['var(--arm0)', 'var(--arm1)', 'var(--arm2)', 'var(--arm3)'];

function el(name, attributes = {}, text) {
  const node = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function svg(width, height, title) {
  const root = el('svg', { viewBox: `0 0 ${width} ${height}`, width, height, role: 'img' });
  root.appendChild(el('title', {}, title));
  return root;
}

const fmt = (x, digits = 2) => (x === null || x === undefined || Number.isNaN(x)) ? '–' : Number(x).toFixed(digits);

function ticks(min, max, count = 5) {
  const step = (max - min) / count;
  return Array.from({ length: count + 1 }, (_, i) => min + i * step);
}

/** Dot and whisker: one row per label, a dot at value and a line from lower to upper, on a 0..1 (or given) scale. */
export function dotWhisker(rows, { title, min = 0, max = 1, percent = true }) {
  const left = 190, right = 20, rowHeight = 24, top = 10, width = 560;
  const height = top + rows.length * rowHeight + 30;
  const root = svg(width, height, title);
  const x = v => left + (v - min) / (max - min) * (width - left - right);
  for (const t of ticks(min, max)) {
    root.appendChild(el('line', { x1: x(t), x2: x(t), y1: top, y2: height - 25, stroke: '#e4e7eb' }));
    root.appendChild(el('text', { x: x(t), y: height - 10, 'text-anchor': 'middle' }, percent ? `${Math.round(t * 100)} %` : fmt(t, 1)));
  }
  rows.forEach((r, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    root.appendChild(el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end' }, r.label));
    if (r.lower !== null && r.upper !== null) {
      root.appendChild(el('line', { x1: x(r.lower), x2: x(r.upper), y1: y, y2: y, stroke: r.colour, 'stroke-width': 2 }));
    }
    if (r.value !== null) root.appendChild(el('circle', { cx: x(r.value), cy: y, r: 5, fill: r.colour }));
  });
  return root;
}

/** Forest plot of differences around a reference line at {@code at} (0 for a risk difference). */
export function forest(rows, { title, min, max, at = 0 }) {
  const left = 220, right = 20, rowHeight = 26, top = 10, width = 560;
  const height = top + rows.length * rowHeight + 30;
  const root = svg(width, height, title);
  const x = v => left + (Math.max(min, Math.min(max, v)) - min) / (max - min) * (width - left - right);
  for (const t of ticks(min, max, 4)) {
    root.appendChild(el('text', { x: x(t), y: height - 10, 'text-anchor': 'middle' }, fmt(t, 2)));
  }
  root.appendChild(el('line', { x1: x(at), x2: x(at), y1: top, y2: height - 25, stroke: '#888', 'stroke-dasharray': '3 3' }));
  rows.forEach((r, i) => {
    const y = top + i * rowHeight + rowHeight / 2;
    root.appendChild(el('text', { x: left - 8, y: y + 4, 'text-anchor': 'end' }, r.label));
    if (r.lower !== null && r.upper !== null) {
      root.appendChild(el('line', { x1: x(r.lower), x2: x(r.upper), y1: y, y2: y, stroke: '#333', 'stroke-width': 2 }));
    }
    if (r.value !== null) root.appendChild(el('rect', { x: x(r.value) - 5, y: y - 5, width: 10, height: 10, fill: '#333' }));
  });
  return root;
}

/**
 * Kaplan-Meier curves as cumulative incidence: one step line per arm from its steps (day, cumulativeIncidence,
 * censored), a tick at each censoring, and the number at risk under the axis at the given days.
 */
export function kaplanMeier(curves, { title, days, atRiskOn }) {
  const left = 60, right = 20, top = 12, plot = 220, width = 620;
  const rowsBelow = curves.length;
  const height = top + plot + 40 + rowsBelow * 16 + 10;
  const maxDay = Math.max(1, ...days, ...curves.flatMap(c => c.steps.map(s => s.day)));
  const root = svg(width, height, title);
  const x = d => left + d / maxDay * (width - left - right);
  const y = p => top + plot - p * plot;
  for (const t of ticks(0, 1, 4)) {
    root.appendChild(el('line', { x1: left, x2: width - right, y1: y(t), y2: y(t), stroke: '#e4e7eb' }));
    root.appendChild(el('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end' }, `${Math.round(t * 100)} %`));
  }
  for (const d of days) {
    root.appendChild(el('text', { x: x(d), y: top + plot + 14, 'text-anchor': 'middle' }, d));
  }
  root.appendChild(el('text', { x: left, y: top + plot + 30 }, 'days from day 0 · number at risk:'));
  curves.forEach((c, i) => {
    let d = `M ${x(0)} ${y(0)}`;
    let level = 0;
    for (const s of c.steps) {
      d += ` H ${x(s.day)}`;
      if (s.events > 0) { level = s.cumulativeIncidence; d += ` V ${y(level)}`; }
      if (s.censored > 0) {
        root.appendChild(el('line', { x1: x(s.day), x2: x(s.day), y1: y(level) - 5, y2: y(level) + 5, stroke: c.colour, 'stroke-width': 2 }));
      }
    }
    d += ` H ${x(maxDay)}`;
    root.appendChild(el('path', { d, fill: 'none', stroke: c.colour, 'stroke-width': 2.5 }));
    const rowY = top + plot + 46 + i * 16;
    root.appendChild(el('text', { x: left - 6, y: rowY, 'text-anchor': 'end', fill: c.colour }, c.label));
    for (const day of days) {
      root.appendChild(el('text', { x: x(day), y: rowY, 'text-anchor': 'middle' }, atRiskOn(c, day)));
    }
  });
  return root;
}

/** Means with their intervals per visit, one line per arm; thin lines for subjects when given. */
export function trajectories(series, { title, visits, subjects = [] }) {
  const left = 60, right = 20, top = 12, plot = 220, width = 620, height = top + plot + 40;
  const values = series.flatMap(s => s.points.flatMap(p => [p.lower ?? p.mean, p.upper ?? p.mean]))
    .concat(subjects.flatMap(s => s.points.map(p => p.value))).filter(v => v !== null && v !== undefined);
  const lo = Math.min(0, ...values), hi = Math.max(1, ...values);
  const root = svg(width, height, title);
  const x = i => left + (visits.length <= 1 ? 0.5 : i / (visits.length - 1)) * (width - left - right);
  const y = v => top + plot - (v - lo) / (hi - lo) * plot;
  for (const t of ticks(lo, hi, 4)) {
    root.appendChild(el('line', { x1: left, x2: width - right, y1: y(t), y2: y(t), stroke: '#e4e7eb' }));
    root.appendChild(el('text', { x: left - 6, y: y(t) + 4, 'text-anchor': 'end' }, fmt(t, 2)));
  }
  visits.forEach((v, i) => root.appendChild(el('text', { x: x(i), y: top + plot + 16, 'text-anchor': 'middle' }, v)));
  for (const s of subjects) {
    const pts = s.points.filter(p => p.value !== null && visits.includes(p.visit));
    if (pts.length > 1) {
      root.appendChild(el('polyline', { points: pts.map(p => `${x(visits.indexOf(p.visit))},${y(p.value)}`).join(' '),
        fill: 'none', stroke: s.colour, 'stroke-width': 0.8, opacity: 0.45 }));
    }
  }
  series.forEach((s, k) => {
    const offset = (k - (series.length - 1) / 2) * 6;
    const pts = s.points.filter(p => p.mean !== null && visits.includes(p.visit));
    root.appendChild(el('polyline', { points: pts.map(p => `${x(visits.indexOf(p.visit)) + offset},${y(p.mean)}`).join(' '),
      fill: 'none', stroke: s.colour, 'stroke-width': 2.5 }));
    for (const p of pts) {
      const cx = x(visits.indexOf(p.visit)) + offset;
      if (p.lower !== null && p.upper !== null) {
        root.appendChild(el('line', { x1: cx, x2: cx, y1: y(p.lower), y2: y(p.upper), stroke: s.colour, 'stroke-width': 1.5 }));
      }
      root.appendChild(el('circle', { cx, cy: y(p.mean), r: 3.5, fill: s.colour }));
    }
  });
  return root;
}

/** Horizontal bars: one row per label, a bar to value on a 0..max scale, the value written at its end. */
export function bars(rows, { title, max }) {
  const left = 190, right = 40, rowHeight = 22, top = 10, width = 560;
  const height = top + rows.length * rowHeight + 10;
  const root = svg(width, height, title);
  const scale = Math.max(1, max);
  rows.forEach((r, i) => {
    const y = top + i * rowHeight;
    const w = r.value / scale * (width - left - right);
    root.appendChild(el('text', { x: left - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end' }, r.label));
    root.appendChild(el('rect', { x: left, y: y + 4, width: Math.max(w, 0.5), height: rowHeight - 8, fill: r.colour }));
    root.appendChild(el('text', { x: left + w + 4, y: y + rowHeight / 2 + 4 }, r.value));
  });
  return root;
}

export { fmt };
