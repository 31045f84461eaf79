// @ts-check
// The Response and Time-to-response tabs: rates by arm with the arm comparison, and Kaplan-Meier with the log-rank
// test, every number from the study's $evaluate-response.
import { COLOURS, dotWhisker, fmt, forest, kaplanMeier } from '../charts.js';
import { figure, h, legend, pct, table } from '../dom.js';
import { named } from '../parameters.js';
import { evaluation } from './evaluation.js';

/** @param {import('./study.js').StudyContext} context */
export async function response(context) {
  const rated = context.criteria.filter(c => c !== 'change-from-baseline');
  if (!rated.length) return [h('p', {}, 'The study names no response criteria.')];
  const result = await evaluation({ ...context, criteria: rated });
  const out = [];
  for (const criteria of rated) {
    const rows = named(result, 'summary').filter(s => s.criteria === criteria && !s.visit && s.arm !== 'all');
    const categories = [...new Set(rows.map(r => r.category))];
    const chartRows = [];
    for (const category of categories) {
      context.arms.forEach((arm, i) => {
        const r = rows.find(x => x.category === category && x.arm === arm);
        if (r) chartRows.push({ label: `${category} · ${arm}`, value: r.rate, lower: r.ciLower, upper: r.ciUpper,
          colour: COLOURS[i % COLOURS.length] });
      });
    }
    const data = table(['Category', 'Arm', 'Count', 'Subjects', 'Rate', '95 % interval'],
      rows.map(r => [r.category, r.arm, r.count, r.denominator, pct(r.rate), `${pct(r.ciLower)} – ${pct(r.ciUpper)}`]),
      { class: 'rates', 'data-criteria': criteria });
    out.push(h('h2', {}, `${criteria}: response rates by arm`), legend(context.arms),
      figure('Rate with its Wilson 95 % interval, per category and arm',
        dotWhisker(chartRows, { title: `${criteria} response rates` }), data, `rates-${criteria}`));
    const comparisons = named(result, 'comparison').filter(c => c.criteria === criteria);
    if (comparisons.length) {
      const forestRows = comparisons.map(c => ({ label: `${c.outcome}: ${c.arm} vs ${c.referenceArm}`,
        value: c.riskDifference ?? null, lower: c.riskDifferenceLower ?? null, upper: c.riskDifferenceUpper ?? null }));
      const compared = table(['Outcome', 'Arm', 'Reference', 'Count', 'Reference count', 'Risk difference (95 %)',
        'Odds ratio (95 %)', 'p (Fisher)'], comparisons.map(c => [c.outcome, c.arm, c.referenceArm,
        `${c.count}/${c.denominator}`, `${c.referenceCount}/${c.referenceDenominator}`,
        `${fmt(c.riskDifference, 3)} (${fmt(c.riskDifferenceLower, 3)} to ${fmt(c.riskDifferenceUpper, 3)})`,
        `${fmt(c.oddsRatio, 2)} (${fmt(c.oddsRatioLower, 2)} to ${fmt(c.oddsRatioUpper, 2)})`, fmt(c.pValue, 4)]),
      { class: 'comparisons', 'data-criteria': criteria });
      out.push(figure('Risk difference between the arms, with its 95 % interval (Newcombe)',
        forest(forestRows, { title: `${criteria} arm comparison`, min: -1, max: 1 }), compared, `forest-${criteria}`));
    }
  }
  return out;
}

/** @param {import('./study.js').StudyContext} context */
export async function time(context) {
  const rated = context.criteria.filter(c => c !== 'change-from-baseline');
  const result = await evaluation({ ...context, criteria: rated });
  const out = [];
  const curves = named(result, 'timeToEvent').filter(t => t.arm !== 'all');
  const tests = named(result, 'logRank');
  const groups = [...new Set(curves.map(c => `${c.criteria}|${c.event}`))];
  for (const group of groups) {
    const [criteria, event] = group.split('|');
    const ofGroup = curves.filter(c => c.criteria === criteria && c.event === event);
    const lines = ofGroup.map(c => ({ label: c.arm, steps: c.step || [], n: c.n,
      colour: COLOURS[Math.max(0, context.arms.indexOf(c.arm)) % COLOURS.length] }));
    const days = [0, ...new Set(lines.flatMap(l => l.steps.map(s => s.day)))].sort((a, b) => a - b);
    const axisDays = days.length > 8 ? days.filter((_, i) => i % Math.ceil(days.length / 8) === 0) : days;
    const atRiskOn = (line, day) => {
      const step = line.steps.find(s => s.day >= day);
      if (step) return step.atRisk;
      const last = line.steps[line.steps.length - 1];
      return last ? last.atRisk - last.events - last.censored : line.n;
    };
    const test = tests.find(t => t.criteria === criteria && t.event === event);
    const data = table(['Arm', 'Day', 'At risk', 'Events', 'Censored', 'Cumulative incidence'],
      ofGroup.flatMap(c => (c.step || []).map(s => [c.arm, s.day, s.atRisk, s.events, s.censored,
        pct(s.cumulativeIncidence)])), { class: 'km-steps', 'data-criteria': criteria, 'data-event': event });
    const medians = table(['Arm', 'Subjects', 'Events', 'Censored', 'Not evaluable', 'Median days (95 %)'],
      ofGroup.map(c => [c.arm, c.n, c.events, c.censored, c.notEvaluable,
        c.median === undefined ? 'not reached' : `${c.median} (${c.medianLower ?? '–'} to ${c.medianUpper ?? '–'})`]),
      { class: 'km-medians', 'data-criteria': criteria, 'data-event': event });
    out.push(h('h2', {}, `${criteria}: time to ${event.replace('-', ' ')}`), legend(lines.map(l => l.label)),
      figure(`Kaplan–Meier cumulative incidence of ${event.replace('-', ' ')}; ticks mark censoring`,
        kaplanMeier(lines, { title: `${criteria} time to ${event}`, days: axisDays, atRiskOn }), data,
        `km-${criteria}-${event}`), medians,
      h('p', { class: 'logrank', 'data-criteria': criteria, 'data-event': event },
        test ? `Log-rank test, ${test.arm} vs ${test.referenceArm}: χ² ${fmt(test.chiSquare, 3)}, p = ${fmt(test.pValue, 4)}`
          : 'No log-rank test (one arm, or an arm without evaluable subjects).'));
  }
  return out.length ? out : [h('p', {}, 'No criteria set of this study times an event.')];
}
