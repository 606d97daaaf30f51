/*
 * Logging in on the TV with a mobile number and a code sent to that phone, without the issuer's HTML form.
 *
 * The page drives the issuer's own authorization code flow (public client practice-web, PKCE, redirect back to
 * /app/tv.html) with same-origin fetch calls through the gateway, so a remote and the on-screen digit pad are all the
 * viewer needs, and every answer of the issuer becomes a sentence on the TV instead of the issuer's page:
 *   1. GET /oauth2/authorize (Accept: text/html): the issuer keeps the authorization request in its session and sends
 *      the browser to its login page, whose code form carries the session's CSRF token;
 *   2. POST /login/code/send {mobile, _csrf}: the issuer's login code by SMS (its limits: 302 /login?sent, 400, 429);
 *   3. POST /login/code {mobile, code, _csrf}: a right code ends at the kept authorization request, which sends the
 *      browser to /app/tv.html?code=…&state=…; a wrong one at /login?error. fetch follows the redirects and reads the
 *      final address (same origin), so the code never shows in the address bar;
 *   4. POST /oauth2/token with the PKCE verifier, as session.ts does after a redirect.
 * The token is kept where session.ts keeps it, so the typed API clients use it unchanged.
 *
 * A TV is shared: a session the issuer still has for the last viewer must not log the next one in. When step 1
 * answers with a code at once, that session is ended (OIDC logout with its own ID token) before the new viewer
 * proves their number. Logging out on the TV ends the issuer's session too.
 */
import { CLIENT_ID, forgetToken, redirectUri, storeToken } from '../auth/session'

/** session.ts's key for the token (accessToken() and the API clients read it there; codeLogin.spec checks that). */
const VIEWER_KEY = 'practice-tv.viewer'
const SCOPES = 'openid hierarchy:read volunteers:read volunteers:write requests:read requests:write'

export class LoginFailed extends Error {}

/** What the viewer proved and the page needs later: the number (the order's call-back contact) and the ID token. */
export interface Viewer {
  mobile: string
  idToken: string | null
}

export type SendOutcome = { kind: 'sent' } | { kind: 'bad-number' } | { kind: 'wait'; seconds: number }
export type ConfirmOutcome = { kind: 'in' } | { kind: 'wrong-code' }

interface Attempt {
  verifier: string
  state: string
  csrf: { name: string; value: string }
}

interface Tokens {
  access_token: string
  expires_in: number
  id_token?: string
}

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let text = ''
  array.forEach((b) => { text += String.fromCharCode(b) })
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

const HTML = { Accept: 'text/html' }
const FORM = { Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' }

async function authorize(verifier: string, state: string): Promise<Response> {
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
  const query = new URLSearchParams({
    response_type: 'code', client_id: CLIENT_ID, redirect_uri: redirectUri(), scope: SCOPES,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  })
  return fetch('/oauth2/authorize?' + query.toString(), { headers: HTML, credentials: 'same-origin' })
}

/** The authorization code when the issuer's redirects ended back on this page with our state. */
export function codeFrom(response: Response, state: string): string | null {
  if (!response.url) return null
  const url = new URL(response.url, location.href)
  if (url.pathname !== location.pathname) return null
  return url.searchParams.get('state') === state ? url.searchParams.get('code') : null
}

/** The CSRF field of the issuer's code form (the page is the issuer's, read as HTML, never shown). */
export function csrfField(html: string): { name: string; value: string } | null {
  const page = new DOMParser().parseFromString(html, 'text/html')
  const hidden = page.querySelector<HTMLInputElement>('form[action="/login/code"] input[type="hidden"]')
  const name = hidden?.getAttribute('name')
  const value = hidden?.getAttribute('value')
  return name && value ? { name, value } : null
}

function landedOnLogin(response: Response, flag: string): boolean {
  if (!response.url) return false
  const url = new URL(response.url, location.href)
  return url.pathname === '/login' && url.searchParams.has(flag)
}

async function exchange(code: string, verifier: string): Promise<Tokens> {
  const answer = await fetch('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(),
      client_id: CLIENT_ID, code_verifier: verifier }),
  })
  if (!answer.ok) throw new LoginFailed('token ' + answer.status)
  return await answer.json() as Tokens
}

function keep(tokens: Tokens, mobile: string | null): void {
  storeToken(tokens.access_token, tokens.expires_in)
  const before = viewer()
  const kept: Viewer = { mobile: mobile ?? before?.mobile ?? '', idToken: tokens.id_token ?? before?.idToken ?? null }
  sessionStorage.setItem(VIEWER_KEY, JSON.stringify(kept))
}

export function viewer(): Viewer | null {
  return JSON.parse(sessionStorage.getItem(VIEWER_KEY) ?? 'null') as Viewer | null
}

/** Ends the issuer's session the ID token belongs to (RP-initiated logout); its redirect is not followed. */
async function endIssuerSession(idToken: string | undefined | null): Promise<void> {
  if (!idToken) return
  await fetch('/connect/logout', {
    method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ id_token_hint: idToken, client_id: CLIENT_ID }), redirect: 'manual',
  })
}

/** One viewer's way in: begin, send the code (again if need be), confirm it. */
export class CodeLoginFlow {
  private attempt: Attempt | null = null

  /** A fresh authorization request and the login form's CSRF token, with no earlier viewer's session in the way. */
  async begin(): Promise<void> {
    this.attempt = null
    for (let round = 0; round < 2; round++) {
      const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
      const state = base64url(crypto.getRandomValues(new Uint8Array(16)))
      const response = await authorize(verifier, state)
      const code = codeFrom(response, state)
      if (code) {
        await endIssuerSession((await exchange(code, verifier)).id_token)
        continue
      }
      if (!response.ok) throw new LoginFailed('authorize ' + response.status)
      const csrf = csrfField(await response.text())
      if (!csrf) throw new LoginFailed('no login form')
      this.attempt = { verifier, state, csrf }
      return
    }
    throw new LoginFailed('the issuer kept the last viewer\'s session')
  }

  async send(mobile: string): Promise<SendOutcome> {
    if (!this.attempt) await this.begin()
    let response = await this.post('/login/code/send', { mobile })
    if (response.status === 403) {
      // The issuer's session ran out (its CSRF token with it): start again once.
      await this.begin()
      response = await this.post('/login/code/send', { mobile })
    }
    if (response.status === 429) return { kind: 'wait', seconds: Number(response.headers.get('Retry-After') ?? 60) }
    if (response.status === 400) return { kind: 'bad-number' }
    if (!response.ok || !landedOnLogin(response, 'sent')) throw new LoginFailed('send ' + response.status)
    this.refreshCsrf(await response.text())
    return { kind: 'sent' }
  }

  async confirm(mobile: string, code: string): Promise<ConfirmOutcome> {
    if (!this.attempt) throw new LoginFailed('no code sent')
    let response = await this.post('/login/code', { mobile, code })
    if (response.status === 403) {
      // The issuer's session ran out before the code was checked (the code is still good): start again once.
      await this.begin()
      response = await this.post('/login/code', { mobile, code })
    }
    if (landedOnLogin(response, 'error')) {
      this.refreshCsrf(await response.text())
      return { kind: 'wrong-code' }
    }
    const attempt = this.attempt!
    const authorizationCode = codeFrom(response, attempt.state)
    if (!authorizationCode) throw new LoginFailed('login ' + response.status)
    keep(await exchange(authorizationCode, attempt.verifier), mobile)
    this.attempt = null
    return { kind: 'in' }
  }

  private post(path: string, fields: Record<string, string>): Promise<Response> {
    const csrf = this.attempt!.csrf
    return fetch(path, { method: 'POST', headers: FORM, credentials: 'same-origin',
      body: new URLSearchParams({ ...fields, [csrf.name]: csrf.value }) })
  }

  private refreshCsrf(html: string): void {
    const csrf = csrfField(html)
    if (csrf && this.attempt) this.attempt.csrf = csrf
  }
}

/**
 * A new token without the viewer doing anything, while the issuer's session lives (the access token lasts minutes,
 * the session longer); false when the viewer must log in again.
 */
export async function renewSilently(): Promise<boolean> {
  if (!viewer()) return false
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)))
  const code = codeFrom(await authorize(verifier, state), state)
  if (!code) return false
  keep(await exchange(code, verifier), null)
  return true
}

/** The viewer leaves: the token, the number and the issuer's session are gone, so the next viewer starts afresh. */
export async function logOutViewer(): Promise<void> {
  const idToken = viewer()?.idToken
  forgetToken()
  sessionStorage.removeItem(VIEWER_KEY)
  try {
    await endIssuerSession(idToken)
  } catch {
    // Offline: the next login ends a session left behind (CodeLoginFlow.begin).
  }
}
