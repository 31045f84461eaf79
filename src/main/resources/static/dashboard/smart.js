// @ts-check
// SMART App Launch (standalone, authorization code with PKCE) for a server that requires tokens.
import { BASE, setToken } from './client.js';

/** @param {ArrayBuffer | Uint8Array} bytes */
const base64url = bytes => btoa(String.fromCharCode(...new Uint8Array(bytes)))
  .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
/** @param {number} length */
const randomText = length => base64url(crypto.getRandomValues(new Uint8Array(length)));
export const redirectUri = () => new URL('.', document.baseURI).href;

/**
 * Logs in when the server requires tokens: to the identity provider that .well-known/smart-configuration names,
 * back with a code, exchanged for a token with the PKCE verifier. Only the verifier, the state and the view to
 * return to pass through sessionStorage (they must survive the redirect); the token stays in this page's memory.
 * @returns {Promise<boolean>} false when the page is being sent to the identity provider
 */
export async function login() {
  const client = await (await fetch(new URL('dashboard/client.json', document.baseURI))).json();
  if (!client.security) return true;
  const smart = await (await fetch(`${BASE}/.well-known/smart-configuration`)).json();
  const answer = new URLSearchParams(location.search);
  if (answer.has('code') || answer.has('error')) {
    const expected = sessionStorage.getItem('smart-state');
    const verifier = sessionStorage.getItem('smart-verifier') || '';
    const view = sessionStorage.getItem('smart-view') || '';
    ['smart-state', 'smart-verifier', 'smart-view'].forEach(k => sessionStorage.removeItem(k));
    history.replaceState(null, '', redirectUri() + view);
    if (answer.has('error')) throw new Error(`Login refused: ${answer.get('error_description') || answer.get('error')}`);
    if (!expected || answer.get('state') !== expected) throw new Error('The login answer does not match this page\'s request');
    const response = await fetch(smart.token_endpoint, { method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: answer.get('code') || '',
        redirect_uri: redirectUri(), client_id: client.client_id, code_verifier: verifier }) });
    const body = await response.json();
    if (!response.ok || !body.access_token) throw new Error(`No token: ${body.error_description || body.error || response.status}`);
    setToken(body.access_token);
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
