/*
 * A stand-in for the platform behind `fetch`, for the pages' component tests (the API clients look `fetch` up at each
 * call, so it answers whenever it is installed).
 */
import { vi } from 'vitest'

export interface Call {
  method: string
  path: string
  query: URLSearchParams
  headers: Headers
  body: unknown
}

export type Answer = { status?: number; body?: unknown } | undefined
export type Handler = (call: Call) => Answer

let handler: Handler = () => undefined
export const calls: Call[] = []

export function answer(next: Handler): void {
  handler = next
  calls.length = 0
}

export function json(body: unknown, status = 200): Answer {
  return { status, body }
}

export function problem(status: number, code: string, fields: Record<string, unknown> = {}): Answer {
  return { status, body: { type: 'https://practice.cloud/problems/' + code, title: code, status, ...fields } }
}

export const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
  const request = input instanceof Request ? input : new Request(input, init)
  const url = new URL(request.url)
  const text = await request.clone().text()
  const call: Call = { method: request.method, path: url.pathname, query: url.searchParams, headers: request.headers,
    body: text ? JSON.parse(text) : undefined }
  calls.push(call)
  const given = handler(call) ?? { status: 404, body: { type: 'https://practice.cloud/problems/not-found', status: 404, title: 'Not Found' } }
  const status = given.status ?? 200
  const problemJson = status >= 400
  return new Response(given.body === undefined ? null : JSON.stringify(given.body), {
    status, headers: { 'Content-Type': problemJson ? 'application/problem+json' : 'application/json' },
  })
})

globalThis.fetch = fetchMock as unknown as typeof fetch
