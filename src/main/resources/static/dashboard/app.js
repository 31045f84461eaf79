// The study dashboard: every number shown is a number the server's FHIR operations returned; this file only
// fetches, arranges and draws. Views: #/ (studies), #/study/<id> (one study), #/subject/<ResearchSubject id>.
import { COLOURS, bars, dotWhisker, forest, kaplanMeier, trajectories, fmt } from './charts.js';

const BASE = new URL('fhir', document.baseURI).href.replace(/\/$/, '');
const RESPONSE_CRITERIA = 'http://msc-lupus.org/fhir/StructureDefinition/response-criteria';
const ENROLLING_SITE = 'http://msc-lupus.org/fhir/StructureDefinition/enrolling-site';
const TRAJECTORY_MEASURES = [
  ['sledai-2k', 'SLEDAI-2K'], ['urine-protein-creatinine-ratio', 'UPCR (g/g)'],
  ['urine-protein-24h', '24-hour urine protein (g/24 h)'], ['serum-creatinine', 'Creatinine (mg/dL)'],
  ['complement-c3', 'C3 (g/L)'], ['anti-dsdna', 'Anti-dsDNA (IU/mL)']];
const main = document.getElementById('main');
const status = document.getElementById('status');
// A bearer token, when the server asks for one, is kept in memory only: never in local or session storage.
let token = null;

// ---- FHIR access ----

async function fhir(path, options = {}) {
  const headers = { Accept: 'application/fhir+json', ...(options.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(path.startsWith('http') ? path : `${BASE}/${path}`, { ...options, headers });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const message = body?.issue?.[0]?.diagnostics || `HTTP ${response.status}`;
    throw new Error(message);
  }
  return body;
}

async function everything(path) {
  const resources = [];
  let bundle = await fhir(path);
  for (;;) {
    (bundle.entry || []).forEach(e => resources.push(e.resource));
    const next = (bundle.link || []).find(l => l.relation === 'next');
    if (!next) return resources;
    bundle = await fhir(next.url);
  }
}

/** A Parameters part's value, whatever its type. */
function valueOf(p) {
  for (const [k, v] of Object.entries(p)) {
    if (!k.startsWith('value')) continue;
    if (k === 'valueReference') return v.reference;
    if (k === 'valueCodeableConcept') return v.coding?.[0]?.code ?? v.text;
    if (k === 'valueCoding') return v.code;
    return v;
  }
  return undefined;
}

/** A parameter as an object: single parts by name, repeated ones (and nested ones) as arrays. */
function partsOf(parameter) {
  const out = {};
  for (const part of parameter.part || []) {
    const value = part.part ? partsOf(part) : valueOf(part);
    if (part.name in out) {
      out[part.name] = [].concat(out[part.name], [value]);
    } else {
      out[part.name] = part.part ? [value] : value;
    }
  }
  return out;
}

function named(parameters, name) {
  return (parameters.parameter || []).filter(p => p.name === name).map(partsOf);
}

// ---- page helpers ----

function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attributes)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

function table(headers, rows, attributes = {}) {
  return h('table', attributes,
    h('thead', {}, h('tr', {}, headers.map(x => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(c => c instanceof Node ? h('td', {}, c)
      : h('td', { class: typeof c === 'number' ? 'num' : null }, c ?? '–'))))));
}

/** A chart with its data table behind it, as the chart's text alternative. */
function figure(caption, chart, dataTable, id) {
  const captionId = `${id}-caption`;
  chart.setAttribute('aria-labelledby', captionId);
  return h('figure', { id }, h('figcaption', { id: captionId }, caption), chart,
    h('details', {}, h('summary', {}, 'Data table'), dataTable));
}

function legend(arms) {
  return h('div', { class: 'legend' }, arms.map((a, i) =>
    h('span', {}, h('span', { class: 'swatch', style: `background:${COLOURS[i % COLOURS.length]}` }), a)));
}

const pct = x => (x === null || x === undefined) ? '–' : `${(x * 100).toFixed(1)} %`;

function say(text) {
  status.textContent = text;
}

// ---- studies ----

async function studies() {
  main.replaceChildren(h('h1', { text: 'Studies' }), h('p', { class: 'sub', text: 'Loading…' }));
  const list = await everything('ResearchStudy?_count=100');
  const rows = [];
  for (const study of list) {
    const subjects = await everything(`ResearchSubject?study=ResearchStudy/${study.id}&_count=1000`);
    const byArm = {}, bySite = {};
    for (const s of subjects) {
      byArm[s.assignedArm || '(none)'] = (byArm[s.assignedArm || '(none)'] || 0) + 1;
      const site = (s.extension || []).find(e => e.url === ENROLLING_SITE)?.valueReference?.reference || '(none)';
      bySite[site] = (bySite[site] || 0) + 1;
    }
    const last = subjects.map(s => s.meta?.lastUpdated).filter(Boolean).sort().pop();
    const latestObservation = await latestData(subjects);
    rows.push([
      h('a', { href: `#/study/${study.id}` }, study.title || study.id),
      (study.identifier || []).map(i => i.value).join(', '),
      (study.arm || []).map(a => a.name).join(', '),
      Object.entries(byArm).map(([a, n]) => `${a}: ${n}`).join(', '),
      Object.entries(bySite).map(([s, n]) => `${s.replace('Organization/', '')}: ${n}`).join(', '),
      [latestObservation, last].filter(Boolean).sort().pop()?.replace('T', ' ').slice(0, 16) || '–']);
  }
  main.replaceChildren(h('h1', { text: 'Studies' }),
    h('p', { class: 'sub', text: `${list.length} studies you may see` }),
    table(['Study', 'Registry', 'Arms', 'Subjects per arm', 'Subjects per site', 'Last data received'], rows,
      { id: 'studies' }));
  main.dataset.loaded = 'true';
}

/** The newest Observation of the study's patients, by the server's own lastUpdated. */
async function latestData(subjects) {
  const patients = subjects.map(s => s.individual?.reference).filter(Boolean).map(r => r.split('/').pop());
  if (!patients.length) return null;
  const body = new URLSearchParams({ patient: patients.join(','), _sort: '-_lastUpdated', _count: '1',
    _elements: 'id' });
  const bundle = await fhir('Observation/_search', { method: 'POST', body,
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
  return bundle.entry?.[0]?.resource?.meta?.lastUpdated || null;
}

// ---- one study ----

const TABS = [['response', 'Response'], ['time', 'Time to response'], ['trajectories', 'Trajectories'],
  ['safety', 'Safety'], ['visits', 'Visits'], ['downloads', 'Downloads']];

async function study(id, query) {
  const asOf = query.get('asOf') || '';
  const arm = query.get('arm') || '';
  const tab = query.get('tab') || 'response';
  const resource = await fhir(`ResearchStudy/${id}`);
  const arms = (resource.arm || []).map(a => a.name);
  const criteria = (resource.extension || []).filter(e => e.url === RESPONSE_CRITERIA).map(e => e.valueCode);
  const link = changes => {
    const q = new URLSearchParams({ asOf, arm, tab, ...changes });
    for (const [k, v] of [...q.entries()]) if (!v) q.delete(k);
    return `#/study/${id}?${q}`;
  };
  const controls = h('form', { class: 'controls', id: 'filters' },
    h('label', {}, 'Data up to (asOf)', h('input', { type: 'date', name: 'asOf', value: asOf })),
    h('label', {}, 'Arm', h('select', { name: 'arm' }, h('option', { value: '' }, 'all arms'),
      arms.map(a => h('option', { value: a, selected: a === arm ? 'selected' : null }, a)))),
    h('button', { type: 'submit' }, 'Apply'));
  controls.addEventListener('submit', e => {
    e.preventDefault();
    const data = new FormData(controls);
    location.hash = link({ asOf: data.get('asOf'), arm: data.get('arm') });
  });
  const tabs = h('nav', { class: 'tabs', 'aria-label': 'Study views' }, TABS.map(([key, label]) =>
    h('a', { href: link({ tab: key }), 'aria-current': key === tab ? 'page' : null }, label)));
  const body = h('section', { id: `view-${tab}`, 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  main.replaceChildren(h('h1', {}, resource.title || id),
    h('p', { class: 'sub' }, [(resource.identifier || []).map(i => i.value).join(', '),
      `arms: ${arms.join(', ')}`, `criteria: ${criteria.join(', ')}`].filter(Boolean).join(' · ')),
    controls, tabs, body);
  const common = new URLSearchParams();
  if (asOf) common.set('asOf', asOf);
  if (arm) common.set('arm', arm);
  const views = { response, time, trajectories: trajectoryView, safety, visits, downloads };
  const started = performance.now();
  body.replaceChildren(...await views[tab]({ id, arms: arm ? [arm] : arms, criteria, common }));
  main.dataset.loaded = 'true';
  say(`loaded in ${Math.round(performance.now() - started)} ms`);
}

async function evaluation({ id, criteria, common }, extra = []) {
  const q = new URLSearchParams(common);
  for (const c of criteria.concat(extra)) q.append('criteria', c);
  return fhir(`ResearchStudy/${id}/$evaluate-response?${q}`);
}

async function response(context) {
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

async function time(context) {
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

async function trajectoryView(context) {
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
    await Promise.all(subjects.map(async s => {
      const one = await fhir(`${s.subject}/$evaluate-response?criteria=change-from-baseline${context.common.has('asOf')
        ? `&asOf=${context.common.get('asOf')}` : ''}`);
      const visits = named(one, 'result')[0]?.visit || [];
      for (const [measure] of TRAJECTORY_MEASURES) {
        const points = visits.filter(v => v[measure]).map(v => ({ visit: v.label, value: v[measure][0].value }));
        (lines[measure] = lines[measure] || []).push({ points,
          colour: COLOURS[context.arms.indexOf(s.arm) % COLOURS.length] });
      }
    }));
    draw(lines);
    say(`${subjects.length} subjects drawn`);
  });
  return out;
}

async function safety({ id, arms, common }) {
  const result = await fhir(`ResearchStudy/${id}/$safety-summary?${common}`);
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
  return out;
}

async function visits({ id, arms, common }) {
  const result = await fhir(`ResearchStudy/${id}/$visit-compliance?${common}`);
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
          : { done: '✓', missed: '✗', 'not-yet-due': '·' }[v.status]) : h('td', {}, '');
      }));
    })));
  const sites = named(result, 'siteSummary');
  return [h('h2', {}, 'Visits by subject'), h('div', { class: 'legend' }, ['done', 'out-of-window', 'missed',
    'not-yet-due'].map(s => h('span', {}, h('span', { class: `swatch ${s}` }), s))), grid,
  h('h2', {}, 'Compliance per site'), table(['Site', 'Visits due', 'Done in window', 'Share'],
    sites.map(s => [s.site, s.due, s.doneInWindow, pct(s.share)]), { class: 'sites' })];
}

async function downloads({ id, criteria, common }) {
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

// ---- one subject ----

async function subject(id) {
  const resource = await fhir(`ResearchSubject/${id}`);
  const result = await fhir(`ResearchSubject/${id}/$evaluate-response`);
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
  main.replaceChildren(...out);
  main.dataset.loaded = 'true';
}

// ---- SMART App Launch (standalone, authorization code with PKCE) ----

const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const randomText = length => base64url(crypto.getRandomValues(new Uint8Array(length)));
const redirectUri = () => new URL('.', document.baseURI).href;

/**
 * Logs in when the server requires tokens: to the identity provider that .well-known/smart-configuration names,
 * back with a code, exchanged for a token with the PKCE verifier. Only the verifier, the state and the view to
 * return to pass through sessionStorage (they must survive the redirect); the token stays in this page's memory.
 * @return false when the page is being sent to the identity provider
 */
async function login() {
  const client = await (await fetch(new URL('dashboard/client.json', document.baseURI))).json();
  if (!client.security) return true;
  const smart = await (await fetch(`${BASE}/.well-known/smart-configuration`)).json();
  const answer = new URLSearchParams(location.search);
  if (answer.has('code') || answer.has('error')) {
    const expected = sessionStorage.getItem('smart-state');
    const verifier = sessionStorage.getItem('smart-verifier');
    const view = sessionStorage.getItem('smart-view') || '';
    ['smart-state', 'smart-verifier', 'smart-view'].forEach(k => sessionStorage.removeItem(k));
    history.replaceState(null, '', redirectUri() + view);
    if (answer.has('error')) throw new Error(`Login refused: ${answer.get('error_description') || answer.get('error')}`);
    if (!expected || answer.get('state') !== expected) throw new Error('The login answer does not match this page\'s request');
    const response = await fetch(smart.token_endpoint, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: answer.get('code'),
        redirect_uri: redirectUri(), client_id: client.client_id, code_verifier: verifier }) });
    const body = await response.json();
    if (!response.ok || !body.access_token) throw new Error(`No token: ${body.error_description || body.error || response.status}`);
    token = body.access_token;
    return true;
  }
  if (!smart.authorization_endpoint || !smart.token_endpoint) {
    throw new Error('The server requires tokens but advertises no authorization endpoint to log in at');
  }
  const verifier = randomText(48);
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
  const state = randomText(16);
  sessionStorage.setItem('smart-verifier', verifier);
  sessionStorage.setItem('smart-state', state);
  sessionStorage.setItem('smart-view', location.hash);
  location.assign(`${smart.authorization_endpoint}?${new URLSearchParams({ response_type: 'code',
    client_id: client.client_id, redirect_uri: redirectUri(), scope: client.scope, state, aud: BASE,
    code_challenge: challenge, code_challenge_method: 'S256' })}`);
  return false;
}

// ---- routing ----

async function route() {
  main.dataset.loaded = 'false';
  const [path, queryText] = (location.hash.slice(1) || '/').split('?');
  const query = new URLSearchParams(queryText || '');
  const parts = path.split('/').filter(Boolean);
  try {
    if (parts[0] === 'study' && parts[1]) await study(decodeURIComponent(parts[1]), query);
    else if (parts[0] === 'subject' && parts[1]) await subject(decodeURIComponent(parts[1]));
    else await studies();
  } catch (e) {
    main.replaceChildren(h('h1', {}, 'Not available'), h('p', { class: 'error', role: 'alert' }, e.message));
    main.dataset.loaded = 'error';
  }
}

window.addEventListener('hashchange', route);
login().then(ready => { if (ready) route(); }).catch(e => {
  main.replaceChildren(h('h1', {}, 'Login failed'), h('p', { class: 'error', role: 'alert' }, e.message),
    h('p', {}, h('a', { href: redirectUri() }, 'Try again')));
  main.dataset.loaded = 'error';
});
