// @ts-check
// The Review tab: the study's source-data verification queue from $verification-queue, in the server's order (values
// that change a result first), each with its impact in words and verify / query buttons ($verify), and the state
// counts per site.
import { fhir, forget } from '../client.js';
import { h, say, table } from '../dom.js';
import { named } from '../parameters.js';

const STATES = ['unverified', 'queried', 'answered', 'changed-since-verified', 'verified'];
/** @type {Record<string, string>} */
const RESULT_NAMES = { 'ln-renal-response': 'renal response', 'sri-4': 'SRI-4 response',
  'bilag-mcr-pcr': 'BILAG response', 'change-from-baseline': 'change from baseline' };

/**
 * What verifying a value would change, in words.
 * @param {string} subject a ResearchSubject reference
 * @param {Record<string, any>[]} impacts the item's impact parts
 */
export function impactInWords(subject, impacts) {
  const who = subject.split('/').pop();
  return impacts.map(i => `verifying this changes subject ${who}'s ${RESULT_NAMES[i.criteria] || i.criteria} `
    + `from ${i.withoutValue} to ${i.withValue}`).join('; ');
}

/** @param {import('./study.js').StudyContext} context */
export async function review(context) {
  const { id, signal } = context;
  const queue = await fhir(`ResearchStudy/${id}/$verification-queue?_count=200`, { signal });
  const mode = (queue.parameter || []).find(p => p.name === 'sourceVerification')?.valueCode;
  if (mode === 'none') {
    return [h('p', { class: 'muted', id: 'review-none' },
      'This study does not ask for source-data verification (its source-verification extension is none).')];
  }
  const total = (queue.parameter || []).find(p => p.name === 'total')?.valueInteger ?? 0;
  const items = named(queue, 'item');
  const counts = named(queue, 'stateCount');
  const sites = [...new Set(counts.map(c => c.site))];
  const countTable = table(['Site', ...STATES], sites.map(site => [site, ...STATES.map(state =>
    counts.find(c => c.site === site && c.state === state)?.count ?? 0)]), { class: 'state-counts', id: 'state-counts' });
  const rows = items.map(item => {
    const reason = h('input', { type: 'text', name: 'reason', 'aria-label': 'Question to the site',
      placeholder: 'question to the site' });
    const verify = h('button', { type: 'button', class: 'verify' }, 'Verify');
    const query = h('button', { type: 'button', class: 'query' }, 'Query');
    verify.addEventListener('click', () => decide(context, item.resource, 'verified', ''));
    query.addEventListener('click', () => decide(context, item.resource, 'query',
      /** @type {HTMLInputElement} */ (reason).value));
    const actions = item.state === 'queried' ? h('span', { class: 'muted' }, 'awaiting the site')
      : h('span', {}, verify, reason, query);
    return h('tr', { 'data-resource': item.resource },
      h('th', { scope: 'row' }, h('a', { href: `#/subject/${item.subject.split('/').pop()}` },
        item.subject.split('/').pop())),
      h('td', {}, [item.measure, item.value].filter(Boolean).join(' ')), h('td', {}, item.date ?? '–'),
      h('td', {}, item.visit ?? '–'), h('td', { class: `state ${item.state}` }, item.state),
      h('td', { class: 'impact' }, item.impact ? impactInWords(item.subject, item.impact) : '–'),
      h('td', {}, item.queryText ?? ''), h('td', {}, actions));
  });
  const queueTable = h('table', { id: 'review-queue', class: 'review' },
    h('thead', {}, h('tr', {}, ['Subject', 'Value', 'Date', 'Visit', 'State', 'Impact', 'Query', 'Decision']
      .map(x => h('th', { scope: 'col' }, x)))), h('tbody', {}, rows));
  return [h('h2', {}, `Values awaiting a decision (${total})`),
    h('p', { class: 'muted' }, 'Values whose verification changes a result come first, then the primary '
      + 'endpoint\'s values, oldest first.'), queueTable,
    h('h2', {}, 'State of the values per site'), countTable];
}

/**
 * Records a decision and shows the queue again.
 * @param {import('./study.js').StudyContext} context
 * @param {string} resource the versioned record
 * @param {string} decision
 * @param {string} reason
 */
async function decide(context, resource, decision, reason) {
  const [type, id, , version] = resource.split('/');
  const parameter = [{ name: 'decision', valueCode: decision }, { name: 'version', valueString: version }];
  if (reason) parameter.push({ name: 'reason', valueString: reason });
  const section = document.getElementById('view-review');
  try {
    await fhir(`${type}/${id}/$verify`, { method: 'POST', headers: { 'Content-Type': 'application/fhir+json' },
      body: JSON.stringify({ resourceType: 'Parameters', parameter }) });
    say(`${decision}: ${type}/${id}`);
  } catch (e) {
    say(e instanceof Error ? e.message : String(e));
    return;
  }
  forget(`ResearchStudy/${context.id}/`);
  if (section) section.replaceChildren(...await review(context));
}
