/*
 * Who is using the page: the person's own token from the issuer (authorization code + PKCE, public client
 * "practice-web", or "practice-staff" for the staff console), kept in sessionStorage so it dies with the tab. The issuer gives public clients no refresh token
 * (ADR 0017), so a token is renewed by authorizing again: while the issuer's session lives that is two redirects and
 * no typing, and every form keeps its draft in sessionStorage (drafts.ts), so nothing typed is lost on the way.
 */
export const CLIENT_ID = 'practice-web'

/**
 * The issuer's client a page logs in with and the scopes it asks for. The people's ends ask for the people's scopes
 * (their inbox's too: notices:read, notices:write);
 * the staff console is a client of its own (practice-staff), the only one the issuer lets ask for hierarchy:admin
 * and reports:read — and even then a token holds only what the person's role allows.
 */
export interface LoginClient { clientId: string; scope: string }
export const PEOPLE_CLIENT: LoginClient = {
  clientId: CLIENT_ID, scope: 'openid hierarchy:read volunteers:read volunteers:write requests:read requests:write notices:read notices:write',
}
export const CONSOLE_CLIENT: LoginClient = {
  clientId: 'practice-staff',
  scope: 'openid hierarchy:read hierarchy:admin volunteers:read volunteers:write requests:read requests:write reports:read notices:read notices:write',
}
let client = PEOPLE_CLIENT

/** Chosen once by a page's entry (console/main.ts), before it completes a login. */
export function useLoginClient(chosen: LoginClient): void {
  client = chosen
}

const tokenKey = () => client.clientId + '.token'
const loginKey = () => client.clientId + '.login'
/** Renew when less than this is left, so no call is made with a token about to expire. */
export const RENEW_BEFORE_MS = 60_000

export interface StoredToken { accessToken: string; expiresAt: number }

export interface Claims {
  sub: string
  practice_district?: string
  practice_role?: string
  practice_volunteer?: string
  practice_unit?: string
  /** A city's analyst's city (role CITY_ANALYST): such a token names no district. */
  practice_city?: string
  scope?: string[] | string
  exp?: number
}

function base64url(bytes: ArrayBuffer | Uint8Array): string {
  const array = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)
  let text = ''
  array.forEach((b) => { text += String.fromCharCode(b) })
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Where the issuer sends the person back: the page they are on (the app or the TV page), without query or hash. */
export function redirectUri(): string {
  return location.origin + location.pathname
}

export function storedToken(now = Date.now()): StoredToken | null {
  const text = sessionStorage.getItem(tokenKey())
  if (!text) return null
  const token = JSON.parse(text) as StoredToken
  return token.expiresAt > now ? token : null
}

/** The token while it has more than RENEW_BEFORE_MS left; null when it must be renewed first. */
export function accessToken(now = Date.now()): string | null {
  const token = storedToken(now)
  return token && token.expiresAt - now > RENEW_BEFORE_MS ? token.accessToken : null
}

export function claims(token = storedToken()?.accessToken): Claims | null {
  if (!token) return null
  const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')
  const json = decodeURIComponent(Array.from(atob(part), (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0')).join(''))
  return JSON.parse(json) as Claims
}

/** Goes to the issuer's login (or straight back, while its session lives); `back` is the route to return to. */
export async function logIn(back: string, options: { prompt?: 'login' } = {}): Promise<never> {
  const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)))
  const state = base64url(crypto.getRandomValues(new Uint8Array(16)))
  const challenge = base64url(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)))
  sessionStorage.setItem(loginKey(), JSON.stringify({ verifier, state, back }))
  const query = new URLSearchParams({
    response_type: 'code', client_id: client.clientId, redirect_uri: redirectUri(), scope: client.scope,
    state, code_challenge: challenge, code_challenge_method: 'S256',
  })
  if (options.prompt) query.set('prompt', options.prompt)
  location.assign('/oauth2/authorize?' + query.toString())
  return new Promise<never>(() => undefined)
}

export class LoginFailed extends Error {}

/**
 * Back from the issuer with a code: trades it for a token and answers the route the person came from; null when
 * the address carries no answer from the issuer.
 */
export async function completeLogin(): Promise<string | null> {
  const query = new URLSearchParams(location.search)
  const code = query.get('code')
  const error = query.get('error')
  if (!code && !error) return null
  const pending = JSON.parse(sessionStorage.getItem(loginKey()) ?? 'null') as { verifier: string; state: string; back: string } | null
  sessionStorage.removeItem(loginKey())
  history.replaceState(null, '', location.pathname + (pending?.back ? '#' + pending.back : ''))
  if (error || !pending || pending.state !== query.get('state')) {
    throw new LoginFailed(error ?? 'state')
  }
  const answer = await fetch('/oauth2/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code: code!, redirect_uri: redirectUri(),
      client_id: client.clientId, code_verifier: pending.verifier }),
  })
  if (!answer.ok) throw new LoginFailed('token ' + answer.status)
  const tokens = await answer.json() as { access_token: string; expires_in: number }
  storeToken(tokens.access_token, tokens.expires_in)
  return pending.back || '/'
}

/** Keeps a token the issuer answered (`expires_in` seconds) for this tab. */
export function storeToken(accessToken: string, expiresIn: number): void {
  sessionStorage.setItem(tokenKey(), JSON.stringify({ accessToken, expiresAt: Date.now() + expiresIn * 1000 }))
}

export function logOut(): void {
  sessionStorage.removeItem(tokenKey())
}

/** Tells the page to renew before its next call (a 401: the token expired or was refused). */
export function forgetToken(): void {
  sessionStorage.removeItem(tokenKey())
}
