// The dashboard's bounded concurrency: never more calls at once than the limit, results in the items' order, and
// an aborted navigation starts nothing more.
import { test } from 'node:test';
import assert from 'node:assert/strict';

// client.js reads document.baseURI when loaded; give it the page's address.
globalThis.document = { baseURI: 'http://localhost:8080/' };
const { mapLimit } = await import('../../main/resources/static/dashboard/client.js');

const pause = ms => new Promise(resolve => setTimeout(resolve, ms));

test('at most the limit at once, results in order', async () => {
  let running = 0;
  let most = 0;
  const results = await mapLimit([5, 1, 4, 2, 3, 1, 2], 3, async n => {
    running++;
    most = Math.max(most, running);
    await pause(n);
    running--;
    return n * 10;
  });
  assert.equal(most, 3);
  assert.deepEqual(results, [50, 10, 40, 20, 30, 10, 20]);
});

test('an abort starts no further call and rejects', async () => {
  const controller = new AbortController();
  const started = [];
  await assert.rejects(mapLimit([1, 2, 3, 4, 5, 6], 2, async n => {
    started.push(n);
    if (n === 2) controller.abort();
    await pause(1);
    return n;
  }, controller.signal), { name: 'AbortError' });
  assert.deepEqual(started, [1, 2]);
});

test('no items, no calls', async () => {
  assert.deepEqual(await mapLimit([], 4, async () => { throw new Error('called'); }), []);
});
