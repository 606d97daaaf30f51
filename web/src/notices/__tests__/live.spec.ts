import { beforeEach, describe, expect, it } from 'vitest'
import { openInboxStream, type InboxHandlers } from '../live'
import { logInAs, settle } from '../../testing/mountPage'
import { READY } from '../../testing/eventStream'
import { DISTRICT, inboxServer, notice, noticeEvent } from './inboxServer'

describe('the inbox\'s live stream', () => {
  let seen: string[]
  let pauses: number[]
  let handlers: InboxHandlers

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'RESIDENT' })
    seen = []
    pauses = []
    handlers = {
      ready: (at) => seen.push('ready ' + at),
      notice: (view) => seen.push(`notice ${view.id} ${view.title}`),
      state: (state, problem) => seen.push('state ' + state + (problem ? ' ' + problem.code : '')),
    }
  })

  it('asks for the person\'s inbox in the district and hands over ready and each notice, keep-alives skipped', async () => {
    const server = inboxServer([])
    const live = openInboxStream({ district: DISTRICT, wait: async (ms) => { pauses.push(ms) } }, handlers)
    const view = notice('ntc-1', { title: '您的订单已被接单' })
    await settle()
    server.streams[0].send(READY + ': keep-alive\n\n' + noticeEvent(view).slice(0, 30))
    await settle()
    server.streams[0].send(noticeEvent(view).slice(30))
    await settle()
    const call = server.gets('/api/v1/notices/live')[0]
    expect(Object.fromEntries(call.url.searchParams)).toEqual({ district: DISTRICT })
    expect(call.headers.get('Accept')).toBe('text/event-stream')
    expect(seen).toEqual(['state connecting', 'state open', 'ready 2026-03-07T09:00:00Z', 'notice ntc-1 您的订单已被接单'])
    live.close()
  })

  it('reopens the stream after it ends, and its ready says to fetch again', async () => {
    const server = inboxServer([])
    const live = openInboxStream({ district: DISTRICT, wait: async (ms) => { pauses.push(ms) } }, handlers)
    await settle()
    server.streams[0].send(READY)
    await settle()
    server.streams[0].drop() // the server's 30 minutes are up, or the network dropped
    await settle()
    server.streams[1].send(READY)
    await settle()
    expect(server.gets('/api/v1/notices/live')).toHaveLength(2)
    expect(pauses).toEqual([1000])
    expect(seen.filter((s) => s.startsWith('ready') || s === 'state reconnecting'))
      .toEqual(['ready 2026-03-07T09:00:00Z', 'state reconnecting', 'ready 2026-03-07T09:00:00Z'])
    live.close()
  })

  it('waits as long as too-many-streams asks before trying again', async () => {
    let n = 0
    const server = inboxServer([], { 'GET /api/v1/notices/live': () => (n++ === 0
      ? { status: 503, body: { type: 'https://practice.cloud/problems/too-many-streams', status: 503, retryAfter: 5 } }
      : { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403 } }) })
    const live = openInboxStream({ district: DISTRICT, wait: async (ms) => { pauses.push(ms) } }, handlers)
    await live.done
    expect(pauses).toEqual([5000])
    expect(seen).toEqual(['state connecting', 'state reconnecting too-many-streams', 'state refused forbidden'])
    expect(server.gets('/api/v1/notices/live')).toHaveLength(2)
  })
})
