// @ts-check
// The Visits tab: the grid of every subject's planned visits and the compliance per site, from $visit-compliance.
import { fhir } from '../client.js';
import { h, pct, table } from '../dom.js';
import { named } from '../parameters.js';

/** @param {import('./study.js').StudyContext} context */
export async function visits({ id, arms, common, signal }) {
  const result = await fhir(`ResearchStudy/${id}/$visit-compliance?${common}`, { signal });
  const rows = named(result, 'subjectVisit').filter(v => arms.includes(v.arm));
  const labels = [...new Set(rows.map(v => v.visit))];
  const subjects = [...new Set(rows.map(v => v.subject))];
  const grid = h('table', { class: 'visit-grid', id: 'visit-grid' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Subject'), h('th', { scope: 'col' }, 'Arm'),
      labels.map(l => h('th', { scope: 'col' }, l)))),
    h('tbody', {}, subjects.map(s => {
      const own = rows.filter(v => v.subject === s);
      return h('tr', {}, h('th', { scope: 'row' }, h('a', { href: `#/subject/${s.split('/').pop()}` },
        s.split('/').pop())), h('td', {}, own[0].arm), labels.map(l => {
        const v = own.find(x => x.visit === l);
        return v ? h('td', { class: v.status, title: `${v.status}${v.date ? ' on ' + v.date : ''}`,
          'data-status': v.status }, v.status === 'out-of-window' ? `${v.daysOff > 0 ? '+' : ''}${v.daysOff} d`
          : { done: '✓', missed: '✗', 'not-yet-due': '·', 'not-expected': '–' }[v.status]) : h('td', {}, '');
      }));
    })));
  const sites = named(result, 'siteSummary');
  return [h('h2', {}, 'Visits by subject'), h('div', { class: 'legend' }, ['done', 'out-of-window', 'missed',
    'not-yet-due', 'not-expected'].map(s => h('span', {}, h('span', { class: `swatch ${s}` }), s))), grid,
  h('h2', {}, 'Compliance per site'), table(['Site', 'Visits due', 'Done in window', 'Share'],
    sites.map(s => [s.site, s.due, s.doneInWindow, pct(s.share)]), { class: 'sites' })];
}
