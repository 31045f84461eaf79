// @ts-check
// FHIR access for the dashboard: one fetch with the bearer token (kept in memory only, never in storage), and GETs
// cached by request for a minute, so that changing tab does not read the study again and two views asking the same
// question share one answer. A navigation's AbortSignal stops it from starting requests; a GET already under way
// completes into the cache (another view may be waiting for it), a POST is aborted.

export const BASE = new URL('fhir', document.baseURI).href.replace(/\/$/, '');

/** @type {string | null} */
let token = null;

/** @param {string} bearer the access token the SMART login obtained */
export function setToken(bearer) {
  token = bearer;
}

const CACHE_MS = 60_000;
const CACHE_SIZE = 50;
/** @type {Map<string, {at: number, body: Promise<any>}>} */
const cache = new Map();

/**
 * Forgets the remembered answers whose path starts with {@link prefix}, after a write that changes them.
 * @param {string} prefix relative to the FHIR base
 */
export function forget(prefix) {
  for (const url of [...cache.keys()]) if (url.startsWith(`${BASE}/${prefix}`)) cache.delete(url);
}

/**
 * A FHIR request; its JSON body, or an Error carrying the OperationOutcome's diagnostics.
 * @param {string} path relative to the FHIR base, or an absolute URL (a paging link)
 * @param {Omit<RequestInit, 'headers'> & {headers?: Record<string, string>}} [options]
 * @returns {Promise<any>}
 */
export async function fhir(path, options = {}) {
  const { signal, ...rest } = options;
  signal?.throwIfAborted();
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/fhir+json', ...(rest.headers || {}) };
  if (token) headers.Authorization = `Bearer ${token}`;
  const url = path.startsWith('http') ? path : `${BASE}/${path}`;
  const get = !rest.method || rest.method === 'GET';
  const hit = get ? cache.get(url) : undefined;
  let body;
  if (hit && Date.now() - hit.at < CACHE_MS) {
    body = hit.body;
  } else {
    body = request(url, get ? { ...rest, headers } : { ...rest, signal, headers });
    if (get) {
      cache.set(url, { at: Date.now(), body });
      body.catch(() => cache.delete(url)); // a failure is not remembered
      if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value);
    }
  }
  const answer = await body;
  signal?.throwIfAborted();
  return answer;
}

/**
 * @param {string} url
 * @param {RequestInit} init
 */
async function request(url, init) {
  const response = await fetch(url, init);
  const json = await response.json().catch(() => null);
  if (!response.ok) throw new Error(json?.issue?.[0]?.diagnostics || `HTTP ${response.status}`);
  return json;
}

/**
 * Every resource of a search, following its next links.
 * @param {string} path
 * @param {AbortSignal} [signal]
 * @returns {Promise<any[]>}
 */
export async function everything(path, signal) {
  const resources = [];
  let bundle = await fhir(path, { signal });
  for (;;) {
    (bundle.entry || []).forEach(e => resources.push(e.resource));
    const next = (bundle.link || []).find(l => l.relation === 'next');
    if (!next) return resources;
    bundle = await fhir(next.url, { signal });
  }
}

/**
 * Maps over items with at most `limit` calls running at once, in order of the items.
 * @template T, R
 * @param {T[]} items
 * @param {number} limit
 * @param {(item: T) => Promise<R>} call
 * @param {AbortSignal} [signal] stops starting new calls
 * @returns {Promise<R[]>}
 */
export async function mapLimit(items, limit, call, signal) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal?.aborted) {
      const index = next++;
      results[index] = await call(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  signal?.throwIfAborted();
  return results;
}
