// @ts-check
// #/subject/<id>: each response of one subject with its visits and evidence.
import { BASE, fhir } from '../client.js';
import { fmt } from '../charts.js';
import { h, table } from '../dom.js';
import { named } from '../parameters.js';

/**
 * @param {HTMLElement} main
 * @param {string} id
 * @param {AbortSignal} signal
 */
export async function subject(main, id, signal) {
  const resource = await fhir(`ResearchSubject/${id}`, { signal });
  const result = await fhir(`ResearchSubject/${id}/$evaluate-response`, { signal });
  const out = [h('h1', {}, `Subject ${id}`), h('p', { class: 'sub' }, `arm ${resource.assignedArm || '–'} · `,
    h('a', { href: `#/study/${resource.study?.reference?.split('/').pop()}` }, 'back to the study'))];
  for (const r of named(result, 'result')) {
    out.push(h('h2', {}, `${r.criteria}: ${r.response ?? '–'}`), h('p', {}, r.explanation || ''));
    const visitsOf = r.visit || [];
    const measures = [...new Set(visitsOf.flatMap(v => Object.keys(v).filter(k => Array.isArray(v[k]))))];
    out.push(table(['Visit', 'Date', 'Response', ...measures], visitsOf.map(v => [v.label, v.date, v.response,
      ...measures.map(m => v[m] ? `${fmt(v[m][0].value, 3)}${v[m][0].change !== undefined
        ? ` (${v[m][0].change > 0 ? '+' : ''}${fmt(v[m][0].change, 3)})` : ''}` : '–')]), { class: 'subject-visits' }));
    const evidence = [].concat(r.evidence || []);
    if (evidence.length) {
      out.push(h('details', {}, h('summary', {}, `Evidence (${evidence.length} records)`), h('ul', {},
        evidence.map(e => h('li', {}, h('a', { href: `${BASE}/${e}` }, e))))));
    }
  }
  signal.throwIfAborted();
  main.replaceChildren(...out);
}
