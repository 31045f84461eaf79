// @ts-check
// The Safety tab: adverse events by seriousness, grade and relatedness, rates, infusion reactions, laboratory values
// and vital signs, from $safety-summary.
import { fhir } from '../client.js';
import { COLOURS, bars, fmt } from '../charts.js';
import { figure, h, table } from '../dom.js';
import { named } from '../parameters.js';
import { toxicity } from './toxicity.js';

/** @param {import('./study.js').StudyContext} context */
export async function safety({ id, arms, common, signal }) {
  const result = await fhir(`ResearchStudy/${id}/$safety-summary?${common}`, { signal });
  const events = named(result, 'adverseEvents').filter(e => arms.includes(e.arm));
  const out = [h('h2', {}, 'Adverse events')];
  for (const dimension of [...new Set(events.map(e => e.dimension))]) {
    const rows = events.filter(e => e.dimension === dimension);
    const data = table(['Arm', dimension, 'Events', 'Subjects'], rows.map(e => [e.arm, e.category, e.events,
      e.subjects]), { class: 'ae', 'data-dimension': dimension });
    const chart = bars(rows.map(e => ({ label: `${e.category} · ${e.arm}`, value: e.subjects,
      colour: COLOURS[Math.max(0, arms.indexOf(e.arm)) % COLOURS.length] })),
    { title: `Subjects with an adverse event by ${dimension}`, max: Math.max(...rows.map(e => e.subjects)) });
    out.push(h('h3', {}, `by ${dimension}`), figure(`Subjects with an adverse event, by ${dimension} and arm`,
      chart, data, `ae-${dimension}`));
  }
  const rates = named(result, 'rates');
  out.push(h('h3', {}, 'Subjects with an adverse event'), table(['Measure', 'Arm', 'Comparator', 'Numerator',
    'Denominator', 'Estimate', '95 % interval'], rates.map(r => [r.measure, r.arm, r.comparator, r.numerator,
    r.denominator, fmt(r.estimate, 3), `${fmt(r.ciLower, 3)} – ${fmt(r.ciUpper, 3)}`]), { class: 'rates' }));
  const reactions = named(result, 'infusionReactions').filter(r => arms.includes(r.arm));
  out.push(h('h2', {}, 'Infusion reactions'), reactions.length ? table(['Arm', 'Infusion', 'Events', 'Subjects'],
    reactions.map(r => [r.arm, r.infusionNumber, r.events, r.subjects]), { class: 'reactions' })
    : h('p', {}, 'None.'));
  const labs = named(result, 'labAbnormalities').filter(l => arms.includes(l.arm) && (l.above || l.below));
  out.push(h('h2', {}, 'Laboratory values out of range'), labs.length ? table(['Arm', 'Test', 'Visit',
    'Evaluated', 'Above', 'Below', 'Normal at baseline', 'New since baseline'], labs.map(l => [l.arm, l.test, l.visit,
    l.evaluated, l.above, l.below, l.normalAtBaseline, l.newAbnormal])) : h('p', {}, 'None.'));
  const vitals = named(result, 'vitalSigns').filter(v => arms.includes(v.arm) && v.significant);
  out.push(h('h2', {}, 'Clinically significant vital signs'), vitals.length ? table(['Arm', 'Visit', 'Evaluated',
    'Significant'], vitals.map(v => [v.arm, v.visit, v.evaluated, v.significant])) : h('p', {}, 'None.'));
  out.push(...toxicity(result, arms));
  return out;
}
