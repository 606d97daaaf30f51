/*
 * A live stream of the platform (server-sent events through the gateway: the staff queue's, ADR 0018; a person's
 * inbox, ADR 0023), read with fetch() and a stream reader because EventSource cannot send the person's bearer token
 * (and the typed API clients read whole bodies). Every such stream has the same shape:
 *   event: ready   data: {"at": ISO}      → the stream is open; the page fetches what it shows (no replay)
 *   event: <name>  id: …  data: …         → the stream's own events
 *   ": keep-alive" comment lines between them
 * A dropped stream is reopened with a growing pause; a 401 renews the login as the API clients do; a 503/429 is
 * retried after its Retry-After (the header, or the problem's `retryAfter` seconds); other refusals (403, 404) end the
 * stream with their problem. The feature's own reader (console/live.ts, notices/live.ts) names its events.
 */
import { renewLogin, RenewingLogin, currentLanguage } from '../api/client'
import { accessToken } from '../auth/session'
import { ProblemError, type Problem } from '../api/problems'

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

export type LiveState = 'connecting' | 'open' | 'reconnecting' | 'refused'

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

/** How a stream waits before reopening; tests replace it to see the pauses without spending them. */
export const pauses = { wait: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) }

export interface StreamOptions {
  /** The stream's path on the gateway, e.g. /api/v1/notices/live. */
  path: string
  /** Its query; empty values are left out. */
  query: Record<string, string | null | undefined>
  /** Waits before reopening (tests pass one that records and returns at once). */
  wait?: (ms: number) => Promise<void>
}

export interface StreamHandlers {
  /** Every event, `ready` included (after the state turned `open`): the caller fetches again on `ready`. */
  event(event: ServerSentEvent): void
  state(state: LiveState, problem?: ProblemError): void
}

/** Opens the stream and keeps it open (reopening it whenever it ends) until close(). */
export function openEventStream(options: StreamOptions, handlers: StreamHandlers): { close(): void; done: Promise<void> } {
  const wait = options.wait ?? ((ms: number) => pauses.wait(ms))
  let closed = false
  let controller: AbortController | null = null
  const query = new URLSearchParams()
  for (const [name, value] of Object.entries(options.query)) if (value) query.set(name, value)
  const url = (globalThis.location?.origin ?? 'http://localhost') + options.path + '?' + query.toString()

  async function once(): Promise<{ opened: boolean; retryAfter: number | null; problem?: ProblemError }> {
    const token = accessToken()
    if (!token) renewLogin()
    controller = new AbortController()
    const response = await globalThis.fetch(url, { signal: controller.signal, headers: {
      Authorization: 'Bearer ' + token, Accept: 'text/event-stream', 'Accept-Language': currentLanguage() } })
    if (response.status === 401) renewLogin()
    if (!response.ok) {
      const problem = await problemOf(response)
      if (response.status === 503 || response.status === 429) {
        const retryAfter = retryAfterMs(response.headers.get('Retry-After'))
          ?? (typeof problem.retryAfter === 'number' ? retryAfterMs(String(problem.retryAfter)) : null)
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
        }
        handlers.event(event)
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
