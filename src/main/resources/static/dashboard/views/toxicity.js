// @ts-check
// Graded laboratory toxicity on the Safety tab: per CTCAE v5.0 term, the subjects by worst grade after day 0 per arm
// and the shift from baseline grade to worst grade, and the candidates for expedited reporting; from $safety-summary.
import { h, table } from '../dom.js';
import { named } from '../parameters.js';

const GRADES = [0, 1, 2, 3, 4];

/**
 * @param {any} result the $safety-summary Parameters
 * @param {string[]} arms the arms shown
 * @returns {HTMLElement[]}
 */
export function toxicity(result, arms) {
  const worst = named(result, 'labToxicity').filter(t => arms.includes(t.arm));
  const shifts = named(result, 'labShift').filter(s => arms.includes(s.arm));
  const out = [h('h2', {}, 'Laboratory toxicity (CTCAE v5.0)')];
  if (!worst.length) {
    out.push(h('p', {}, 'No graded laboratory value after day 0.'));
  }
  for (const term of [...new Set(worst.map(t => t.term))]) {
    const rows = worst.filter(t => t.term === term);
    const termArms = [...new Set(rows.map(t => t.arm))];
    out.push(h('h3', {}, term), table(['Arm', ...GRADES.map(g => `Grade ${g}`)], termArms.map(arm =>
      [arm, ...GRADES.map(g => rows.find(t => t.arm === arm && t.grade === g)?.subjects ?? 0)]),
    { class: 'toxicity', 'data-term': term }));
    for (const arm of termArms) {
      const cells = shifts.filter(s => s.term === term && s.arm === arm);
      if (!cells.length) continue;
      out.push(h('details', {}, h('summary', {}, `Shift from baseline grade, ${arm}`),
        table(['Baseline grade \\ worst grade', ...GRADES.map(String)], GRADES.map(b =>
          [`${b}`, ...GRADES.map(w => cells.find(c => c.baselineGrade === b && c.worstGrade === w)?.subjects ?? 0)]),
        { class: 'shift', 'data-term': term, 'data-arm': arm })));
    }
  }
  const candidates = named(result, 'susarCandidate');
  out.push(h('h2', {}, 'Candidates for expedited reporting (serious, related, unexpected)'), candidates.length
    ? table(['Subject', 'Event', 'Term', 'Onset'], candidates.map(c => [c.subject, c.adverseEvent, c.term, c.onset]),
      { class: 'susar' })
    : h('p', {}, 'None.'));
  return out;
}
