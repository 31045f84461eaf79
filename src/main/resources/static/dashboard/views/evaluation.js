// @ts-check
// The study's $evaluate-response, asked once per set of criteria, asOf and arm: the response and time views ask the
// same question and share the cached answer.
import { fhir } from '../client.js';

/**
 * @param {import('./study.js').StudyContext} context
 * @param {string[]} [extra] criteria sets asked beyond the context's
 */
export function evaluation({ id, criteria, common, signal }, extra = []) {
  const q = new URLSearchParams(common);
  for (const c of criteria.concat(extra)) q.append('criteria', c);
  return fhir(`ResearchStudy/${id}/$evaluate-response?${q}`, { signal });
}
