// Node's test runner on the dashboard's Parameters decoding, against answers shaped as the operations give them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { named, partsOf, valueOf } from '../../main/resources/static/dashboard/parameters.js';

test('a part gives its value whatever its type', () => {
  assert.equal(valueOf({ name: 'count', valueInteger: 3 }), 3);
  assert.equal(valueOf({ name: 'rate', valueDecimal: 0.25 }), 0.25);
  assert.equal(valueOf({ name: 'subject', valueReference: { reference: 'ResearchSubject/1' } }), 'ResearchSubject/1');
  assert.equal(valueOf({ name: 'response', valueCodeableConcept: { coding: [{ code: 'CR' }] } }), 'CR');
  assert.equal(valueOf({ name: 'response', valueCodeableConcept: { text: 'complete' } }), 'complete');
  assert.equal(valueOf({ name: 'test', valueCoding: { system: 'http://loinc.org', code: '1742-6' } }), '1742-6');
  assert.equal(valueOf({ name: 'nothing' }), undefined);
});

test('repeated parts become arrays, nested parts arrays of objects', () => {
  const visit = partsOf({ part: [
    { name: 'subject', valueReference: { reference: 'ResearchSubject/a' } },
    { name: 'missingMeasure', valueCode: 'upcr' },
    { name: 'missingMeasure', valueCode: 'sledai-2k' },
    { name: 'visit', part: [{ name: 'label', valueString: 'week-4' }] },
    { name: 'visit', part: [{ name: 'label', valueString: 'week-8' }] }] });
  assert.equal(visit.subject, 'ResearchSubject/a');
  assert.deepEqual(visit.missingMeasure, ['upcr', 'sledai-2k']);
  assert.deepEqual(visit.visit, [{ label: 'week-4' }, { label: 'week-8' }]);
  assert.deepEqual(partsOf({ part: [{ name: 'visit', part: [{ name: 'label', valueString: 'w' }] }] }).visit,
    [{ label: 'w' }], 'one nested part is still an array');
});

test('named picks the parameters of a name, in order', () => {
  const parameters = { resourceType: 'Parameters', parameter: [
    { name: 'schedule', valueString: 'weeks-24' },
    { name: 'siteSummary', part: [{ name: 'site', valueString: 'A' }, { name: 'due', valueInteger: 4 }] },
    { name: 'siteSummary', part: [{ name: 'site', valueString: 'B' }] }] };
  assert.deepEqual(named(parameters, 'siteSummary'), [{ site: 'A', due: 4 }, { site: 'B' }]);
  assert.deepEqual(named(parameters, 'absent'), []);
  assert.deepEqual(named({}, 'siteSummary'), []);
});
