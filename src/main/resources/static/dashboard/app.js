// @ts-check
// The study dashboard: every number shown is a number the server's FHIR operations returned; these modules only
// fetch, arrange and draw. Routes: #/ (studies), #/study/<id> (one study), #/subject/<ResearchSubject id>. Each
// navigation gets its own AbortController, so a slow answer to a page the user has left is never drawn.
import { h } from './dom.js';
import { login, redirectUri } from './smart.js';
import { studies } from './views/studies.js';
import { study } from './views/study.js';
import { subject } from './views/subject.js';

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
/** @type {AbortController | null} */
let navigation = null;

async function route() {
  navigation?.abort();
  const current = new AbortController();
  navigation = current;
  main.dataset.loaded = 'false';
  const [path, queryText] = (location.hash.slice(1) || '/').split('?');
  const query = new URLSearchParams(queryText || '');
  const parts = path.split('/').filter(Boolean);
  try {
    if (parts[0] === 'study' && parts[1]) await study(main, decodeURIComponent(parts[1]), query, current.signal);
    else if (parts[0] === 'subject' && parts[1]) await subject(main, decodeURIComponent(parts[1]), current.signal);
    else await studies(main, current.signal);
    main.dataset.loaded = 'true';
  } catch (e) {
    if (current.signal.aborted) return; // the user has moved on: the new page draws itself
    main.replaceChildren(h('h1', {}, 'Not available'), h('p', { class: 'error', role: 'alert' },
      e instanceof Error ? e.message : String(e)));
    main.dataset.loaded = 'error';
  }
}

window.addEventListener('hashchange', route);
login().then(ready => { if (ready) route(); }).catch(e => {
  main.replaceChildren(h('h1', {}, 'Login failed'), h('p', { class: 'error', role: 'alert' }, e.message),
    h('p', {}, h('a', { href: redirectUri() }, 'Try again')));
  main.dataset.loaded = 'error';
});
