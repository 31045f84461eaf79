// @ts-check
// The Notifications tab: the study's recent serious adverse events and response changes from $notifications, newest
// first, each with where its delivery to each subscription stands, and the subscriptions' status (active, error with
// the last error, off).
import { fhir } from '../client.js';
import { h, table } from '../dom.js';
import { named } from '../parameters.js';

/** @type {Record<string, string>} */
const TOPICS = {
  'http://msc-lupus.org/fhir/SubscriptionTopic/serious-adverse-event': 'Serious adverse event',
  'http://msc-lupus.org/fhir/SubscriptionTopic/response-changed': 'Response changed',
};

/**
 * An event's change in words: "ln-renal-response NR → PR", or the adverse event's patient.
 * @param {Record<string, any>} event a notification parameter's parts
 */
export function whatHappened(event) {
  if (event.criteria) return `${event.criteria}: ${event.from} → ${event.to}`;
  return event.patient ? `patient ${event.patient.split('/').pop()}` : '';
}

/**
 * Where one event's deliveries stand, in words: "Subscription/7 #3 delivered".
 * @param {Record<string, any>[]} deliveries
 */
export function deliveriesInWords(deliveries) {
  if (!deliveries || deliveries.length === 0) return 'no subscription';
  return deliveries.map(d => `${d.subscription} #${d.eventNumber} ${d.state}`
    + (d.state === 'pending' && d.attempts ? ` (${d.attempts} attempts${d.error ? `: ${d.error}` : ''})` : ''))
    .join('; ');
}

/** @param {import('./study.js').StudyContext} context */
export async function notifications(context) {
  const { id, signal } = context;
  const answer = await fhir(`ResearchStudy/${id}/$notifications?_count=50`, { signal });
  const events = named(answer, 'notification');
  const subscriptions = named(answer, 'subscription');
  const subscriptionTable = subscriptions.length === 0
    ? h('p', { class: 'muted', id: 'no-subscriptions' }, 'Nobody subscribes to this study\'s notifications yet.')
    : table(['Subscription', 'Topic', 'Endpoint', 'Status', 'Events', 'Waiting', 'Last delivered', 'Last error'],
      subscriptions.map(s => [s.subscription, TOPICS[s.topic] || s.topic, s.endpoint, s.status,
        s.eventsSinceSubscriptionStart, s.pending, s.lastDelivered ?? '–', s.error ?? '']),
      { id: 'subscriptions', class: 'subscriptions' });
  const eventRows = events.map(e => h('tr', { 'data-focus': e.focus },
    h('td', {}, e.occurred), h('th', { scope: 'row' }, TOPICS[e.topic] || e.topic),
    h('td', {}, e.focus.startsWith('ResearchSubject/')
      ? h('a', { href: `#/subject/${e.focus.split('/')[1]}` }, e.focus.split('/')[1]) : e.focus.split('/_history')[0]),
    h('td', {}, whatHappened(e)), h('td', { class: 'deliveries' }, deliveriesInWords(e.delivery))));
  const eventTable = events.length === 0
    ? h('p', { class: 'muted', id: 'no-notifications' }, 'No serious adverse event or response change recorded yet.')
    : h('table', { id: 'notifications', class: 'notifications' },
      h('thead', {}, h('tr', {}, ['When', 'Topic', 'About', 'What', 'Delivery'].map(x => h('th', { scope: 'col' }, x)))),
      h('tbody', {}, eventRows));
  return [h('h2', {}, 'Recent notifications'),
    h('p', { class: 'muted' }, 'Serious adverse events and response changes of this study, newest first, with '
      + 'their delivery to each subscription (events are kept and retried until delivered).'), eventTable,
    h('h2', {}, 'Subscriptions'), subscriptionTable];
}
