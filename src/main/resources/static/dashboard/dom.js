// @ts-check
// Building the page: elements, tables, figures with their data tables, legends, and the status line.
import { COLOURS } from './charts.js';

/**
 * An element with attributes (`text` sets its text) and children (strings or nodes; null and undefined skipped).
 * @param {string} tag
 * @param {Record<string, any>} [attributes]
 * @param {...any} children
 * @returns {HTMLElement}
 */
export function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * A table; numbers right-aligned, absent values as a dash.
 * @param {string[]} headers
 * @param {any[][]} rows
 * @param {Record<string, any>} [attributes]
 */
export function table(headers, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => c instanceof Node ? h('td', {}, c)
      : h('td', { class: typeof c === 'number' ? 'num' : null }, c ?? '–'))))));
}

/**
 * A chart with its data table behind it, as the chart's text alternative.
 * @param {string} caption
 * @param {Element} chart
 * @param {Element} dataTable
 * @param {string} id
 */
export function figure(caption, chart, dataTable, id) {
  const captionId = `${id}-caption`;
  chart.setAttribute('aria-labelledby', captionId);
  return h('figure', { id }, h('figcaption', { id: captionId }, caption), chart,
    h('details', {}, h('summary', {}, 'Data table'), dataTable));
}

/** @param {string[]} arms */
export function legend(arms) {
  return h('div', { class: 'legend' }, arms.map((a, i) =>
    h('span', {}, h('span', { class: 'swatch', style: `background:${COLOURS[i % COLOURS.length]}` }), a)));
}

/** @param {number | null | undefined} x a proportion */
export const pct = x => (x === null || x === undefined) ? '–' : `${(x * 100).toFixed(1)} %`;

/** @param {string} text what the status line says */
export function say(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}
