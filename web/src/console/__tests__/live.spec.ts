import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { etagOf, followRequest, openLive, parseEventId, type LiveHandlers, type RequestView } from '../live'
import { onRenewNeeded } from '../../api/client'
import { ProblemError } from '../../api/problems'
import { answerCalls, logInAs, settle, type Answer } from '../../testing/mountPage'
import { eventStream, READY } from '../../testing/eventStream'
import { leftEvent, requestEvent } from './eventStream'

describe('the live stream', () => {
  const view = { requestId: 'req-1', status: 'SUBMITTED', unitId: 'st-1' } as RequestView
  let seen: string[]
  let pauses: number[]
  let handlers: LiveHandlers

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    seen = []
    pauses = []
    handlers = {
      ready: (at) => seen.push('ready ' + at),
      request: (v, sequence) => seen.push(`request ${v.requestId} ${v.status} ${sequence}`),
      left: (requestId, sequence) => seen.push(`left ${requestId} ${sequence}`),
      state: (state, problem) => seen.push('state ' + state + (problem ? ' ' + problem.code : '')),
    }
  })
  afterEach(() => onRenewNeeded(() => undefined))

  /** Answers the live endpoint with these answers in turn (the last one again after). */
  function liveAnswers(...answers: Answer[]) {
    let n = 0
    return answerCalls({ 'GET /api/v1/requests/live': () => answers[Math.min(n++, answers.length - 1)] })
  }

  it('carries the bearer token and the unit, and hands over ready and request events', async () => {
    const stream = eventStream()
    const calls = liveAnswers({ body: stream.body })
    const live = openLive({ district: 'cq-jiulongpo', unitId: 'st-1', wait: async (ms) => { pauses.push(ms) } }, handlers)
    stream.send(READY + ': keep-alive\n\n' + requestEvent(view, 3).slice(0, 20))
    await settle()
    stream.send(requestEvent(view, 3).slice(20))
    await settle()
    expect(calls[0].headers.get('Authorization')).toMatch(/^Bearer .+\..+\..+$/)
    expect(calls[0].headers.get('Accept')).toBe('text/event-stream')
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ district: 'cq-jiulongpo', unitId: 'st-1' })
    expect(seen).toEqual(['state connecting', 'state open', 'ready 2026-03-07T09:00:00Z', 'request req-1 SUBMITTED 3'])
    live.close()
  })

  it('hands over a request that left the subtree by its id and sequence', async () => {
    const stream = eventStream()
    liveAnswers({ body: stream.body })
    const live = openLive({ district: 'cq-jiulongpo', unitId: 'st-1', wait: async (ms) => { pauses.push(ms) } }, handlers)
    stream.send(READY + leftEvent('req-1', 7))
    await settle()
    expect(seen).toEqual(['state connecting', 'state open', 'ready 2026-03-07T09:00:00Z', 'left req-1 7'])
    live.close()
  })

  it('reopens a dropped stream after a pause, and its ready asks for a refetch again', async () => {
    const first = eventStream()
    const second = eventStream()
    const calls = liveAnswers({ body: first.body }, { body: second.body })
    const live = openLive({ district: 'cq-jiulongpo', wait: async (ms) => { pauses.push(ms) } }, handlers)
    first.send(READY)
    await settle()
    first.drop()
    await settle()
    second.send(READY)
    await settle()
    expect(calls).toHaveLength(2)
    expect(pauses).toEqual([1000])
    expect(seen.filter((s) => s.startsWith('ready') || s === 'state reconnecting')).toEqual(['ready 2026-03-07T09:00:00Z', 'state reconnecting', 'ready 2026-03-07T09:00:00Z'])
    live.close()
  })

  it('waits longer each time the stream cannot be opened', async () => {
    let n = 0
    globalThis.fetch = vi.fn(async () => { n++; throw new TypeError('network down') }) as typeof fetch
    const live = openLive({ district: 'cq-jiulongpo', wait: async (ms) => { pauses.push(ms); if (pauses.length === 3) live.close() } }, handlers)
    await live.done
    expect(n).toBe(3)
    expect(pauses).toEqual([1000, 2000, 4000])
  })

  it('renews the login on 401 as the API clients do, and stops', async () => {
    const renew = vi.fn()
    onRenewNeeded(renew)
    liveAnswers({ status: 401, body: { status: 401, title: 'Unauthorized' } })
    const live = openLive({ district: 'cq-jiulongpo', wait: async (ms) => { pauses.push(ms) } }, handlers)
    await live.done
    expect(renew).toHaveBeenCalledOnce()
    expect(sessionStorage.getItem('practice-web.token')).toBeNull()
    expect(pauses).toEqual([])
  })

  it('tries again after Retry-After when there are too many streams, saying why', async () => {
    const stream = eventStream()
    const calls = liveAnswers({ status: 503, headers: { 'Retry-After': '7' },
      body: { type: 'https://practice.cloud/problems/too-many-streams', status: 503, detail: 'Too many live streams' } }, { body: stream.body })
    const live = openLive({ district: 'cq-jiulongpo', wait: async (ms) => { pauses.push(ms) } }, handlers)
    await settle()
    stream.send(READY)
    await settle()
    expect(pauses).toEqual([7000])
    expect(seen).toContain('state reconnecting too-many-streams')
    expect(calls).toHaveLength(2)
    live.close()
  })

  it('ends with the problem when the stream is refused (403)', async () => {
    liveAnswers({ status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403, detail: 'no' } })
    const refused: ProblemError[] = []
    const live = openLive({ district: 'cq-jiulongpo', wait: async (ms) => { pauses.push(ms) } },
      { ...handlers, state: (state, problem) => { if (state === 'refused') refused.push(problem!) } })
    await live.done
    expect(refused.map((p) => p.code)).toEqual(['forbidden'])
    expect(pauses).toEqual([])
  })
})

describe('request stream ids', () => {
  it('reads the request and its sequence from an event id', () => {
    expect(parseEventId('req-7f3:42')).toEqual({ requestId: 'req-7f3', sequence: 42 })
    expect(parseEventId('a:b:3')).toEqual({ requestId: 'a:b', sequence: 3 })
    expect(parseEventId('req-1')).toBeNull()
    expect(parseEventId('req-1:x')).toBeNull()
    expect(parseEventId(null)).toBeNull()
  })
})

describe('following one request', () => {
  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
  })

  it('hands over the stream\'s opening and only this request\'s changes and leaving', async () => {
    const stream = eventStream()
    const calls = answerCalls({ 'GET /api/v1/requests/live': { body: stream.body } })
    const seen: string[] = []
    const follow = followRequest({ district: 'cq-jiulongpo', unitId: 'st-1', wait: async () => undefined }, 'req-1', {
      reopened: (at) => seen.push('reopened ' + at),
      changed: (view, sequence) => seen.push(`changed ${view.requestId} ${view.status} ${sequence}`),
      left: (sequence) => seen.push('left ' + sequence),
      state: (state) => seen.push('state ' + state),
    })
    stream.send(READY + requestEvent({ requestId: 'req-2', status: 'ACCEPTED' } as RequestView, 5)
      + requestEvent({ requestId: 'req-1', status: 'ACCEPTED' } as RequestView, 6) + leftEvent('req-2', 7) + leftEvent('req-1', 8))
    await settle()
    expect(Object.fromEntries(calls[0].url.searchParams)).toEqual({ district: 'cq-jiulongpo', unitId: 'st-1' })
    expect(seen).toEqual(['state connecting', 'state open', 'reopened 2026-03-07T09:00:00Z', 'changed req-1 ACCEPTED 6', 'left 8'])
    follow.close()
  })

  it('gives a view\'s version as the ETag GET /requests/{id} answers with', () => {
    expect(etagOf({ appliedSequence: 7 } as RequestView)).toBe('"7"')
    expect(etagOf({ appliedSequence: 0 } as RequestView)).toBe('"0"')
    expect(etagOf({ appliedSequence: -1 } as RequestView)).toBeNull()
    expect(etagOf({} as RequestView)).toBeNull()
    expect(etagOf(null)).toBeNull()
  })
})
