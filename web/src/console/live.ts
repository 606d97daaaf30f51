/*
 * The live updates of the work queue and of an order's page: request-service's server-sent events
 * (GET /api/v1/requests/live), read with fetch() and a stream reader because EventSource cannot send the person's
 * bearer token (and the typed API clients read whole bodies). The contract (operation `live` in openapi/request.json,
 * ADR 0018):
 *   event: ready    data: {"at": ISO}                  → the stream is open; refetch what the page shows
 *   event: request  id: <requestId>:<sequence>  data: RequestView as GET /api/v1/requests/{id} shows it to the caller
 *   event: left     id: <requestId>:<sequence>  data: {requestId, sequence} → escalated above the subtree: drop it
 *   ": keep-alive" comment lines between them
 * A dropped stream is reopened with a growing pause; a 401 renews the login as the API clients do; a 503/429 is
 * retried after its Retry-After; other refusals (403, 404) end the stream with their problem.
 */
import type { RequestSchemas } from '../api/client'
import { renewLogin, RenewingLogin, currentLanguage } from '../api/client'
import { accessToken } from '../auth/session'
import { ProblemError, type Problem } from '../api/problems'

export type RequestView = RequestSchemas['schemas']['RequestView']

export interface ServerSentEvent { event: string; data: string; id: string | null }

/**
 * The text/event-stream format (WHATWG HTML §9.2.6) fed chunk by chunk: lines may end with CRLF, LF or CR and be split
 * anywhere between chunks; data lines of one event are joined with newlines; comments and unknown fields are skipped;
 * the last id lasts until another is given.
 */
export class EventStreamParser {
  private buffer = ''
  private data: string[] = []
  private event = ''
  private lastId: string | null = null
  private afterCr = false
  private readonly decoder = new TextDecoder()

  /** The events completed by this chunk (bytes as they come off the wire, or text). */
  feed(chunk: Uint8Array | string): ServerSentEvent[] {
    this.buffer += typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true })
    // The LF of a CRLF whose CR ended the previous chunk.
    if (this.afterCr && this.buffer.startsWith('\n')) this.buffer = this.buffer.slice(1)
    this.afterCr = false
    const events: ServerSentEvent[] = []
    for (;;) {
      const end = this.buffer.search(/\r\n|\n|\r/)
      if (end < 0) break
      const line = this.buffer.slice(0, end)
      const crlf = this.buffer.startsWith('\r\n', end)
      this.afterCr = !crlf && this.buffer[end] === '\r' && end === this.buffer.length - 1
      this.buffer = this.buffer.slice(end + (crlf ? 2 : 1))
      const event = this.line(line)
      if (event) events.push(event)
    }
    return events
  }

  private line(line: string): ServerSentEvent | null {
    if (line === '') return this.dispatch()
    if (line.startsWith(':')) return null
    const colon = line.indexOf(':')
    const field = colon < 0 ? line : line.slice(0, colon)
    let value = colon < 0 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') this.data.push(value)
    else if (field === 'event') this.event = value
    else if (field === 'id' && !value.includes('\0')) this.lastId = value
    return null
  }

  private dispatch(): ServerSentEvent | null {
    const event = this.data.length ? { event: this.event || 'message', data: this.data.join('\n'), id: this.lastId } : null
    this.data = []
    this.event = ''
    return event
  }
}

/** "req-1:42" → the request and the sequence its view was made at; null for an id of another shape. */
export function parseEventId(id: string | null): { requestId: string; sequence: number } | null {
  const colon = id?.lastIndexOf(':') ?? -1
  if (!id || colon <= 0) return null
  const sequence = Number(id.slice(colon + 1))
  return Number.isInteger(sequence) ? { requestId: id.slice(0, colon), sequence } : null
}

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'refused'

export interface LiveHandlers {
  ready(at: string): void
  request(view: RequestView, sequence: number): void
  /** The request was escalated out of the followed subtree (the caller may no longer read it). */
  left(requestId: string, sequence: number): void
  state(state: LiveState, problem?: ProblemError): void
}

export interface LiveOptions {
  district: string
  unitId?: string | null
  /** Waits before reopening (tests pass one that records and returns at once). */
  wait?: (ms: number) => Promise<void>
}

/** Pauses before reopening a dropped stream: 1 s, 2 s, 4 s … at most 30 s; back to 1 s once a stream opened. */
export function backOff(attempt: number): number {
  return Math.min(30_000, 1000 * 2 ** Math.max(0, attempt))
}

/** Retry-After in seconds (or an HTTP date) in milliseconds; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | null {
  if (!header) return null
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const at = Date.parse(header)
  return Number.isNaN(at) ? null : Math.max(0, at - now)
}

/** How the stream waits before reopening; tests replace it to see the pauses without spending them. */
export const pauses = { wait: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) }

/** Opens the district's (or the unit subtree's) live stream and keeps it open until close(). */
export function openLive(options: LiveOptions, handlers: LiveHandlers): { close(): void; done: Promise<void> } {
  const wait = options.wait ?? ((ms: number) => pauses.wait(ms))
  let closed = false
  let controller: AbortController | null = null
  const query = new URLSearchParams({ district: options.district })
  if (options.unitId) query.set('unitId', options.unitId)
  const url = (globalThis.location?.origin ?? 'http://localhost') + '/api/v1/requests/live?' + query.toString()

  async function once(): Promise<{ opened: boolean; retryAfter: number | null; problem?: ProblemError }> {
    const token = accessToken()
    if (!token) renewLogin()
    controller = new AbortController()
    const response = await globalThis.fetch(url, { signal: controller.signal, headers: {
      Authorization: 'Bearer ' + token, Accept: 'text/event-stream', 'Accept-Language': currentLanguage() } })
    if (response.status === 401) renewLogin()
    if (!response.ok) {
      const problem = await problemOf(response)
      const retryAfter = retryAfterMs(response.headers.get('Retry-After'))
      if (response.status === 503 || response.status === 429) {
        return { opened: false, retryAfter, problem: new ProblemError(problem) }
      }
      throw new ProblemError(problem)
    }
    const parser = new EventStreamParser()
    const reader = response.body!.getReader()
    let opened = false
    for (;;) {
      const { done, value } = await reader.read()
      if (done || closed) break
      for (const event of parser.feed(value)) {
        if (event.event === 'ready') {
          opened = true
          handlers.state('open')
          handlers.ready((JSON.parse(event.data) as { at: string }).at)
        } else if (event.event === 'request') {
          const id = parseEventId(event.id)
          if (id) handlers.request(JSON.parse(event.data) as RequestView, id.sequence)
        } else if (event.event === 'left') {
          const id = parseEventId(event.id)
          if (id) handlers.left(id.requestId, id.sequence)
        }
      }
    }
    return { opened, retryAfter: null }
  }

  async function run(): Promise<void> {
    let attempt = 0
    handlers.state('connecting')
    while (!closed) {
      let pause: number
      let problem: ProblemError | undefined
      try {
        const result = await once()
        if (result.opened) attempt = 0
        pause = result.retryAfter ?? backOff(attempt++)
        problem = result.problem
      } catch (error) {
        if (closed || error instanceof RenewingLogin) return
        if (error instanceof ProblemError) {
          handlers.state('refused', error)
          return
        }
        pause = backOff(attempt++) // the network dropped: try again
      }
      if (closed) return
      handlers.state('reconnecting', problem)
      await wait(pause)
    }
  }

  const done = run()
  return {
    close() {
      closed = true
      controller?.abort()
    },
    done,
  }
}

/**
 * The version an action's If-Match carries for a view as the page shows it: GET /requests/{id} gives its applied
 * sequence as the ETag, and a live event's view is the request as that GET shows it, so the tag is the same.
 */
export function etagOf(view: RequestView | null | undefined): string | null {
  return view?.appliedSequence !== undefined && view.appliedSequence !== null && view.appliedSequence >= 0
    ? `"${view.appliedSequence}"` : null
}

export interface FollowHandlers {
  /** The stream (re)opened: changes made while it was closed are not replayed, so fetch the request again. */
  reopened(at: string): void
  /** A change of the followed request: the request as it is now and the change's sequence. */
  changed(view: RequestView, sequence: number): void
  /** The request was escalated out of the followed subtree (the person may no longer read it). */
  left(sequence: number): void
  state?(state: LiveState, problem?: ProblemError): void
}

/**
 * One request followed on the person's live stream (the queue's, openLive): only its own changes are handed over.
 * The caller decides which views are newer than the one shown (by applied sequence) and closes it on leaving.
 */
export function followRequest(options: LiveOptions, requestId: string, handlers: FollowHandlers): { close(): void; done: Promise<void> } {
  return openLive(options, {
    ready: (at) => handlers.reopened(at),
    request: (view, sequence) => { if (view.requestId === requestId) handlers.changed(view, sequence) },
    left: (left, sequence) => { if (left === requestId) handlers.left(sequence) },
    state: (state, problem) => handlers.state?.(state, problem),
  })
}

async function problemOf(response: Response): Promise<Problem> {
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('json')) {
    try {
      return await response.json() as Problem
    } catch {
      // fall through: a body that is not the problem it claims to be
    }
  }
  return { status: response.status, title: response.statusText }
}
