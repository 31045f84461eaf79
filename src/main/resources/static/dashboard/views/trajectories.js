// @ts-check
// The Trajectories tab: means with their intervals per visit and arm (change-from-baseline), and each subject's line
// on demand, read a few subjects at a time.
import { fhir, mapLimit } from '../client.js';
import { COLOURS, fmt, trajectories } from '../charts.js';
import { figure, h, legend, say, table } from '../dom.js';
import { named } from '../parameters.js';
import { evaluation } from './evaluation.js';

const TRAJECTORY_MEASURES = [
  ['sledai-2k', 'SLEDAI-2K'], ['urine-protein-creatinine-ratio', 'UPCR (g/g)'],
  ['urine-protein-24h', '24-hour urine protein (g/24 h)'], ['serum-creatinine', 'Creatinine (mg/dL)'],
  ['complement-c3', 'C3 (g/L)'], ['anti-dsdna', 'Anti-dsDNA (IU/mL)']];
/** Subjects' evaluations read at once when drawing each subject's line. */
const CONCURRENT_SUBJECTS = 6;

/** @param {import('./study.js').StudyContext} context */
export async function trajectoryView(context) {
  const result = await evaluation({ ...context, criteria: [] }, ['change-from-baseline']);
  const statistics = named(result, 'statistic');
  const out = [h('p', { class: 'sub' }, 'Mean and its 95 % t interval per visit and arm, as change-from-baseline '
    + 'reports them.'), h('p', {}, h('button', { type: 'button', id: 'show-subjects' }, 'Show each subject'))];
  const figures = h('div', { class: 'grid' });
  const visitsOf = measure => [...new Set(statistics.filter(s => s.measure === measure).map(s => s.visit))];
  const draw = (subjectLines = {}) => {
    figures.replaceChildren();
    for (const [measure, label] of TRAJECTORY_MEASURES) {
      const rows = statistics.filter(s => s.measure === measure && context.arms.includes(s.arm));
      if (!rows.length) continue;
      const visits = visitsOf(measure);
      const series = context.arms.map((arm, i) => ({ colour: COLOURS[i % COLOURS.length], points: rows
        .filter(r => r.arm === arm).map(r => ({ visit: r.visit, mean: r.mean ?? null, lower: r.meanLower ?? null,
          upper: r.meanUpper ?? null })) }));
      const data = table(['Arm', 'Visit', 'n', 'Mean', '95 % interval', 'SD', 'Median'], rows.map(r => [r.arm, r.visit,
        r.n, fmt(r.mean, 3), `${fmt(r.meanLower, 3)} – ${fmt(r.meanUpper, 3)}`, fmt(r.sd, 3), fmt(r.median, 3)]),
      { class: 'trajectory', 'data-measure': measure });
      figures.append(figure(label, trajectories(series, { title: label, visits,
        subjects: subjectLines[measure] || [] }), data, `trajectory-${measure}`));
    }
  };
  draw();
  out.push(legend(context.arms), figures);
  out[1].querySelector('button').addEventListener('click', async () => {
    say('loading each subject…');
    const subjects = named(result, 'subject').filter(s => context.arms.includes(s.arm)).slice(0, 200);
    const lines = {};
    await mapLimit(subjects, CONCURRENT_SUBJECTS, async s => {
      const one = await fhir(`${s.subject}/$evaluate-response?criteria=change-from-baseline${context.common.has('asOf')
        ? `&asOf=${context.common.get('asOf')}` : ''}`, { signal: context.signal });
      const visits = named(one, 'result')[0]?.visit || [];
      for (const [measure] of TRAJECTORY_MEASURES) {
        const points = visits.filter(v => v[measure]).map(v => ({ visit: v.label, value: v[measure][0].value }));
        (lines[measure] = lines[measure] || []).push({ points,
          colour: COLOURS[context.arms.indexOf(s.arm) % COLOURS.length] });
      }
    }, context.signal);
    draw(lines);
    say(`${subjects.length} subjects drawn`);
  });
  return out;
}
