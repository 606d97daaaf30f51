import { beforeEach, describe, expect, it } from 'vitest'
import { EventStreamParser, backOff, openEventStream, retryAfterMs, type StreamHandlers } from '../eventStream'
import { answerCalls, logInAs, settle } from '../../testing/mountPage'
import { eventStream, READY } from '../../testing/eventStream'

describe('the event stream parser', () => {
  it('completes an event only at its blank line, wherever the chunks split it', () => {
    const parser = new EventStreamParser()
    expect(parser.feed('event: requ')).toEqual([])
    expect(parser.feed('est\nid: req-1:4\nda')).toEqual([])
    expect(parser.feed('ta: {"a":1}\n')).toEqual([])
    expect(parser.feed('\n')).toEqual([{ event: 'request', id: 'req-1:4', data: '{"a":1}' }])
  })

  it('joins several data lines with newlines and removes one leading space only', () => {
    const parser = new EventStreamParser()
    expect(parser.feed('data: first\ndata:second\ndata:  third\n\n')).toEqual([{ event: 'message', id: null, data: 'first\nsecond\n third' }])
  })

  it('takes CRLF, LF and CR line ends, a CRLF split between chunks too', () => {
    const parser = new EventStreamParser()
    expect(parser.feed('event: ready\r\ndata: {}\r')).toEqual([])
    expect(parser.feed('\n\r\nevent: a\rdata: x\r\r')).toEqual([
      { event: 'ready', id: null, data: '{}' },
      { event: 'a', id: null, data: 'x' },
    ])
    expect(parser.feed('data: y\r\r')).toEqual([{ event: 'message', id: null, data: 'y' }])
  })

  it('skips comments (keep-alive) and unknown fields, and sends nothing for an event without data', () => {
    const parser = new EventStreamParser()
    expect(parser.feed(': keep-alive\n\n: keep-alive\nretry: 5\nevent: lonely\n\nfoo: bar\ndata: x\n\n')).toEqual([{ event: 'message', id: null, data: 'x' }])
  })

  it('keeps the last id for later events until another is given', () => {
    const parser = new EventStreamParser()
    expect(parser.feed('id: req-1:1\ndata: a\n\ndata: b\n\nid: req-2:9\ndata: c\n\n').map((e) => e.id)).toEqual(['req-1:1', 'req-1:1', 'req-2:9'])
  })

  it('decodes a character whose bytes are split between chunks', () => {
    const parser = new EventStreamParser()
    const bytes = new TextEncoder().encode('data: 九龙坡\n\n')
    expect(parser.feed(bytes.slice(0, 8))).toEqual([])
    expect(parser.feed(bytes.slice(8))).toEqual([{ event: 'message', id: null, data: '九龙坡' }])
  })
})

describe('pauses before reopening', () => {
  it('doubles from 1 s to at most 30 s', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(backOff)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000])
  })

  it('reads Retry-After as seconds or as a date', () => {
    expect(retryAfterMs('7')).toBe(7000)
    expect(retryAfterMs('Sat, 07 Mar 2026 09:00:10 GMT', Date.parse('2026-03-07T09:00:00Z'))).toBe(10_000)
    expect(retryAfterMs(null)).toBeNull()
    expect(retryAfterMs('soon')).toBeNull()
  })
})


describe('a live stream of the platform', () => {
  let seen: string[]
  let pauses: number[]
  let handlers: StreamHandlers

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo', practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
    seen = []
    pauses = []
    handlers = {
      event: (event) => seen.push(`${event.event} ${event.id ?? '-'} ${event.data}`),
      state: (state, problem) => seen.push('state ' + state + (problem ? ' ' + problem.code : '')),
    }
  })

  it('asks for its path with the query\'s given values, and hands over every event after the state turned open', async () => {
    const stream = eventStream()
    const calls = answerCalls({ 'GET /api/v1/notices/live': { body: stream.body } })
    const live = openEventStream({ path: '/api/v1/notices/live', query: { district: 'cq-jiulongpo', unitId: null }, wait: async (ms) => { pauses.push(ms) } }, handlers)
    stream.send(READY + ': keep-alive\n\nevent: notice\nid: ntc-1\ndata: {"id":"ntc-1"}\n\n')
    await settle()
    expect(calls[0].url.pathname).toBe('/api/v1/notices/live')
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ district: 'cq-jiulongpo' })
    expect(calls[0].headers.get('Authorization')).toMatch(/^Bearer /)
    expect(seen).toEqual(['state connecting', 'state open', 'ready - {"at":"2026-03-07T09:00:00Z"}', 'notice ntc-1 {"id":"ntc-1"}'])
    live.close()
  })

  it('takes the pause from the problem\'s retryAfter when a 503 carries no Retry-After header', async () => {
    const stream = eventStream()
    let n = 0
    const calls = answerCalls({ 'GET /api/v1/notices/live': () => (n++ === 0
      ? { status: 503, body: { type: 'https://practice.cloud/problems/too-many-streams', status: 503, retryAfter: 5 } }
      : { body: stream.body }) })
    const live = openEventStream({ path: '/api/v1/notices/live', query: { district: 'cq-jiulongpo' }, wait: async (ms) => { pauses.push(ms) } }, handlers)
    await settle()
    stream.send(READY)
    await settle()
    expect(pauses).toEqual([5000])
    expect(seen).toContain('state reconnecting too-many-streams')
    expect(calls).toHaveLength(2)
    expect(seen[seen.length - 1]).toMatch(/^ready /)
    live.close()
  })

  it('pauses longer after each failed attempt, and starts over once a reopened stream said ready', async () => {
    const streams = [eventStream(), null, eventStream()]
    let n = 0
    answerCalls({ 'GET /api/v1/notices/live': () => {
      const stream = streams[n++]
      if (!stream) throw new TypeError('network down')
      return { body: stream.body }
    } })
    const live = openEventStream({ path: '/api/v1/notices/live', query: { district: 'cq-jiulongpo' },
      wait: async (ms) => { pauses.push(ms); if (pauses.length === 3) live.close() } }, handlers)
    streams[0]!.send(READY)
    await settle()
    streams[0]!.drop()
    await settle()
    streams[2]!.send(READY)
    await settle()
    streams[2]!.drop()
    await live.done
    expect(pauses).toEqual([1000, 2000, 1000])
    expect(seen.filter((s) => s.startsWith('ready'))).toHaveLength(2)
  })

  it('stays closed once closed, even while a pause is under way', async () => {
    const stream = eventStream()
    const calls = answerCalls({ 'GET /api/v1/notices/live': { body: stream.body } })
    let release!: () => void
    const live = openEventStream({ path: '/api/v1/notices/live', query: { district: 'cq-jiulongpo' },
      wait: () => new Promise<void>((resolve) => { release = resolve }) }, handlers)
    stream.send(READY)
    await settle()
    stream.drop()
    await settle()
    live.close()
    release()
    await live.done
    expect(calls).toHaveLength(1)
  })
})
