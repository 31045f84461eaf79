// @ts-check
// #/study/<id>: the study's heading, the asOf and arm filters, the tabs, and the chosen tab's view.
import { fhir } from '../client.js';
import { h, say } from '../dom.js';
import { downloads } from './downloads.js';
import { response, time } from './response.js';
import { notifications } from './notifications.js';
import { review } from './review.js';
import { safety } from './safety.js';
import { trajectoryView } from './trajectories.js';
import { visits } from './visits.js';

const RESPONSE_CRITERIA = 'http://msc-lupus.org/fhir/StructureDefinition/response-criteria';
const TABS = [['response', 'Response'], ['time', 'Time to response'], ['trajectories', 'Trajectories'],
  ['safety', 'Safety'], ['visits', 'Visits'], ['review', 'Review'], ['notifications', 'Notifications'],
  ['downloads', 'Downloads']];
/** @type {Record<string, (context: StudyContext) => Promise<Node[]>>} */
const VIEWS = { response, time, trajectories: trajectoryView, safety, visits, review, notifications, downloads };

/**
 * What every view of a study gets.
 * @typedef {{id: string, arms: string[], criteria: string[], common: URLSearchParams, signal: AbortSignal}} StudyContext
 */

/**
 * @param {HTMLElement} main
 * @param {string} id
 * @param {URLSearchParams} query
 * @param {AbortSignal} signal
 */
export async function study(main, id, query, signal) {
  const asOf = query.get('asOf') || '';
  const arm = query.get('arm') || '';
  const tab = query.get('tab') || 'response';
  const resource = await fhir(`ResearchStudy/${id}`, { signal });
  /** @type {string[]} */
  const arms = (resource.arm || []).map(a => a.name);
  /** @type {string[]} */
  const criteria = (resource.extension || []).filter(e => e.url === RESPONSE_CRITERIA).map(e => e.valueCode);
  /** @param {Record<string, string>} changes */
  const link = changes => {
    const q = new URLSearchParams({ asOf, arm, tab, ...changes });
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    return `#/study/${id}?${q}`;
  };
  const controls = h('form', { class: 'controls', id: 'filters' },
    h('label', {}, 'Data up to (asOf)', h('input', { type: 'date', name: 'asOf', value: asOf })),
    h('label', {}, 'Arm', h('select', { name: 'arm' }, h('option', { value: '' }, 'all arms'),
      arms.map(a => h('option', { value: a, selected: a === arm ? 'selected' : null }, a)))),
    h('button', { type: 'submit' }, 'Apply'));
  controls.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(/** @type {HTMLFormElement} */ (controls));
    location.hash = link({ asOf: String(data.get('asOf') || ''), arm: String(data.get('arm') || '') });
  });
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Study views' }, TABS.map(([key, label]) =>
    h('a', { href: link({ tab: key }), 'aria-current': key === tab ? 'page' : null }, label)));
  const body = h('section', { id: `view-${tab}`, 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  main.replaceChildren(h('h1', {}, resource.title || id),
    h('p', { class: 'sub' }, [(resource.identifier || []).map(i => i.value).join(', '),
      `arms: ${arms.join(', ')}`, `criteria: ${criteria.join(', ')}`].filter(Boolean).join(' · ')),
    controls, tabs, body);
  const common = new URLSearchParams();
  if (asOf) common.set('asOf', asOf);
  if (arm) common.set('arm', arm);
  const started = performance.now();
  const shown = await VIEWS[tab]({ id, arms: arm ? [arm] : arms, criteria, common, signal });
  signal.throwIfAborted();
  body.replaceChildren(...shown);
  say(`loaded in ${Math.round(performance.now() - started)} ms`);
}
