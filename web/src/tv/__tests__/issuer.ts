/*
 * Test stand-ins for what the TV page talks to: a fetch that answers by method and path (both the typed clients'
 * Request objects and plain calls), answers with the address fetch would end on after redirects, and a person's token.
 */

import type { RequestSchemas } from '../../api/client'

export interface Call {
  method: string
  url: URL
  headers: Headers
  body: string
}

export type Route = (call: Call) => Response | Promise<Response>

export const calls: Call[] = []

async function callOf(input: RequestInfo | URL, init?: RequestInit): Promise<Call> {
  if (typeof input === 'object' && 'method' in input && !(input instanceof URL)) {
    const request = input as Request
    return { method: request.method, url: new URL(request.url), headers: new Headers(request.headers),
      body: request.body ? await request.clone().text() : '' }
  }
  return { method: init?.method ?? 'GET', url: new URL(String(input), location.href),
    headers: new Headers(init?.headers), body: init?.body ? String(init.body) : '' }
}

/** A fetch answering "METHOD /path" from `routes`; anything else is a 404 the test will notice. */
export function serve(routes: Record<string, Route>) {
  calls.length = 0
  return async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const call = await callOf(input, init)
    calls.push(call)
    const route = routes[call.method + ' ' + call.url.pathname]
    return route ? route(call) : answer({ status: 404, title: 'Not Found' }, { status: 404 })
  }
}

/** A response; `url` is where fetch ended after following redirects. */
export function answer(body: unknown, options: { status?: number; url?: string; headers?: Record<string, string> } = {}): Response {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const type = typeof body === 'string' ? 'text/html;charset=UTF-8' : 'application/json'
  const response = new Response(options.status === 204 ? null : text,
    { status: options.status ?? 200, headers: { 'Content-Type': type, ...options.headers } })
  if (options.url) Object.defineProperty(response, 'url', { value: new URL(options.url, location.href).toString() })
  return response
}

/** The issuer's login page as LoginPage renders it: three forms, each with the session's CSRF field. */
export function loginPage(csrf: string): string {
  const hidden = `<input type="hidden" name="_csrf" value="${csrf}">`
  return `<!DOCTYPE html><html><body><main>
    <form method="post" action="/login"><input name="username"><input name="password">${hidden}</form>
    <form method="post" action="/login/code/send"><input name="mobile">${hidden}</form>
    <form method="post" action="/login/code"><input name="mobile"><input name="code">${hidden}</form>
    </main></body></html>`
}

function base64url(text: string): string {
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function jwt(claims: Record<string, unknown>): string {
  return base64url(JSON.stringify({ alg: 'none' })) + '.' + base64url(JSON.stringify(claims)) + '.sig'
}

/** A resident's token where session.ts keeps it, and the number they logged in with. */
export function loggedIn(sub = 'acc-1', district = 'cq-jiulongpo', mobile = '13800138000'): void {
  sessionStorage.setItem('practice-web.token', JSON.stringify({
    accessToken: jwt({ sub, practice_district: district, practice_role: 'RESIDENT' }), expiresAt: Date.now() + 600_000 }))
  sessionStorage.setItem('practice-tv.viewer', JSON.stringify({ mobile, idToken: 'id-token' }))
}

export function key(name: string): void {
  window.dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true }))
}

export function keys(...names: string[]): void {
  names.forEach(key)
}

type MenuItem = RequestSchemas['schemas']['MenuItemView']

export function menuItem(code: string, more: Partial<MenuItem> = {}): MenuItem {
  return { code, itemId: 'cq-jiulongpo:' + code, name: 'Item ' + code, platform: 'CARE', active: true,
    expectedMinutes: 60, fields: [], ...more }
}

