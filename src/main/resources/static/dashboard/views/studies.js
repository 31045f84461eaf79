// @ts-check
// #/ : every study the caller may see, with its arms, subjects per arm and site, and the last data received.
import { everything, fhir, mapLimit } from '../client.js';
import { h, table } from '../dom.js';

const ENROLLING_SITE = 'http://msc-lupus.org/fhir/StructureDefinition/enrolling-site';

/**
 * @param {HTMLElement} main
 * @param {AbortSignal} signal
 */
export async function studies(main, signal) {
  main.replaceChildren(h('h1', { text: 'Studies' }), h('p', { class: 'sub', text: 'Loading…' }));
  const list = await everything('ResearchStudy?_count=100', signal);
  // Four studies at a time, each reading its subjects then its latest Observation, instead of one after another.
  const rows = await mapLimit(list, 4, study => row(study, signal), signal);
  main.replaceChildren(h('h1', { text: 'Studies' }),
    h('p', { class: 'sub', text: `${list.length} studies you may see` }),
    table(['Study', 'Registry', 'Arms', 'Subjects per arm', 'Subjects per site', 'Last data received'], rows,
      { id: 'studies' }));
}

/**
 * @param {any} study
 * @param {AbortSignal} signal
 */
async function row(study, signal) {
  const subjects = await everything(`ResearchSubject?study=ResearchStudy/${study.id}&_count=1000`, signal);
  /** @type {Record<string, number>} */
  const byArm = {};
  /** @type {Record<string, number>} */
  const bySite = {};
  for (const s of subjects) {
    byArm[s.assignedArm || '(none)'] = (byArm[s.assignedArm || '(none)'] || 0) + 1;
    const site = (s.extension || []).find(e => e.url === ENROLLING_SITE)?.valueReference?.reference || '(none)';
    bySite[site] = (bySite[site] || 0) + 1;
  }
  const last = subjects.map(s => s.meta?.lastUpdated).filter(Boolean).sort().pop();
  const latestObservation = await latestData(subjects, signal);
  return [
    h('a', { href: `#/study/${study.id}` }, study.title || study.id),
    (study.identifier || []).map(i => i.value).join(', '),
    (study.arm || []).map(a => a.name).join(', '),
    Object.entries(byArm).map(([a, n]) => `${a}: ${n}`).join(', '),
    Object.entries(bySite).map(([s, n]) => `${s.replace('Organization/', '')}: ${n}`).join(', '),
    [latestObservation, last].filter(Boolean).sort().pop()?.replace('T', ' ').slice(0, 16) || '–'];
}

/**
 * The newest Observation of the study's patients, by the server's own lastUpdated.
 * @param {any[]} subjects
 * @param {AbortSignal} signal
 */
async function latestData(subjects, signal) {
  const patients = subjects.map(s => s.individual?.reference).filter(Boolean).map(r => r.split('/').pop());
  if (!patients.length) return null;
  const body = new URLSearchParams({ patient: patients.join(','), _sort: '-_lastUpdated', _count: '1',
    _elements: 'id' });
  const bundle = await fhir('Observation/_search', { method: 'POST', body, signal,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return bundle.entry?.[0]?.resource?.meta?.lastUpdated || null;
}
