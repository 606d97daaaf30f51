/*
 * Component tests mount a page as the app does — router, Chinese messages, a logged-in person's token in
 * sessionStorage — with `fetch` answered by the test (the services' shapes from the generated types).
 */
import { mount } from '@vue/test-utils'
import { createRouter, createMemoryHistory, RouterView } from 'vue-router'
import { vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { makeI18n, type Section } from '../i18n'

export interface Claims { sub: string; practice_district?: string; practice_role?: string; practice_volunteer?: string; practice_unit?: string; practice_city?: string }

/** A token of this person for the page to read (not signed: only the platform checks signatures). */
export function logInAs(claims: Claims): void {
  const part = (value: object) => btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
  const token = [part({ alg: 'none' }), part({ ...claims, exp: Date.now() / 1000 + 600 }), 'x'].join('.')
  sessionStorage.setItem('practice-web.token', JSON.stringify({ accessToken: token, expiresAt: Date.now() + 600_000 }))
}

/** A body, or a stream (server-sent events) passed through as it is; headers added to the answer's. */
export type Answer = { status?: number; body: unknown; headers?: Record<string, string> }
export type Call = { method: string; url: URL; body: unknown; headers: Headers }

/** Answers calls by "METHOD /path" (no query); records every call. Unknown calls answer 404 problems. */
export function answerCalls(answers: Record<string, Answer | ((call: Call) => Answer)>): Call[] {
  const calls: Call[] = []
  globalThis.fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init)
    const url = new URL(request.url)
    const text = request.method === 'GET' ? '' : await request.text()
    const json = (request.headers.get('Content-Type') ?? 'application/json').includes('json')
    const call = { method: request.method, url, body: text ? (json ? JSON.parse(text) : text) : null, headers: request.headers }
    calls.push(call)
    const found = answers[`${request.method} ${url.pathname}`]
    const answer = typeof found === 'function' ? found(call) : found
    const status = answer?.status ?? (answer ? 200 : 404)
    const body = answer ? answer.body : { type: 'https://practice.cloud/problems/not-found', status: 404, detail: 'not found' }
    if (body instanceof ReadableStream) {
      return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream', ...answer?.headers } })
    }
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...answer?.headers } })
  }) as typeof fetch
  return calls
}

/** Mounts `page` at `path` of a router holding it and the routes it goes to (`others`), with props from the route. */
export async function mountPage(page: object, path: string, route: { path: string; name: string }, others: { path: string; name: string }[] = [],
                                sections: Record<string, Section> = {}) {
  const stub = defineComponent({ render: () => h('div') })
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { ...route, component: page, props: true },
    ...others.map((other) => ({ ...other, component: stub })),
  ] })
  await router.push(path)
  await router.isReady()
  const wrapper = mount({ render: () => h(RouterView) }, {
    global: { plugins: [router, makeI18n('zh-CN', sections)] },
  })
  return { wrapper, router }
}

/** Lets pending fetches and re-renders finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0))
}
