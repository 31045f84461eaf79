// @ts-check
// The Downloads tab: the operations' CSV answers and the CDISC export, as links.
import { BASE } from '../client.js';
import { h } from '../dom.js';

/** @param {import('./study.js').StudyContext} context */
export async function downloads({ id, criteria, common }) {
  const q = new URLSearchParams(common);
  criteria.forEach(c => q.append('criteria', c));
  // the export covers the whole study (or the caller's site); only asOf applies to it
  const exportQuery = new URLSearchParams(common.has('asOf') ? { asOf: common.get('asOf') } : {});
  const links = [
    ['Response analysis (CSV)', `ResearchStudy/${id}/$evaluate-response?${q}&_format=csv`],
    ['Safety summary (CSV)', `ResearchStudy/${id}/$safety-summary?${common}&_format=csv`],
    ['Visit compliance (CSV)', `ResearchStudy/${id}/$visit-compliance?${common}&_format=csv`],
    ['CDISC SDTM and ADaM, Dataset-JSON (zip)', `ResearchStudy/${id}/$cdisc-export?${exportQuery}`],
    ['CDISC SDTM and ADaM, SAS XPORT (zip)', `ResearchStudy/${id}/$cdisc-export?${exportQuery}&format=xpt`]];
  return [h('h2', {}, 'Downloads'), h('ul', { id: 'downloads' }, links.map(([label, href]) =>
    h('li', {}, h('a', { href: `${BASE}/${href}`, download: '' }, label))))];
}
