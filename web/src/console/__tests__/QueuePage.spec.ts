import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import QueuePage from '../QueuePage.vue'
import * as words from '../messages'
import type { RequestView } from '../live'
import { pauses } from '../../shared/eventStream'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { eventStream, READY } from '../../testing/eventStream'
import { leftEvent, requestEvent } from './eventStream'

const SUBTREE = [
  { depth: 0, unit: { unitId: 'inst-1', name: '九龙实践所', parentId: 'center' } },
  { depth: 1, unit: { unitId: 'st-1', name: '盘龙实践站', parentId: 'inst-1' } },
  { depth: 1, unit: { unitId: 'st-2', name: '杨家坪实践站', parentId: 'inst-1' } },
]

function order(id: string, fields: Partial<RequestView> = {}): RequestView {
  return { requestId: id, status: 'SUBMITTED', unitId: 'st-1', platform: 'CARE', channel: 'APP', menuItemId: 'cq-jiulongpo/FIX',
    submittedAt: '2026-03-07T08:00:00Z', appliedSequence: 1, escalations: 0, clockStage: 'REVIEW', ...fields }
}

describe('the work queue', () => {
  let calls: Call[]
  let streams: ReturnType<typeof eventStream>[]
  let page: RequestView[]
  let wrapper: VueWrapper
  let router: Awaited<ReturnType<typeof mountPage>>['router']
  let releasePause: () => void
  let answers: Record<string, Answer | ((call: Call) => Answer)>

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'INSTITUTE_ADMIN', practice_unit: 'inst-1' })
    streams = []
    page = [
      order('req-new', { submittedAt: '2026-03-07T08:30:00Z', clockDueAt: '2026-03-07T09:10:00Z', appliedSequence: 5 }),
      order('req-late', { submittedAt: '2026-03-07T07:00:00Z', clockDueAt: '2026-03-07T08:45:00Z', unitId: 'st-2' }),
    ]
    answers = {
      'GET /api/v1/requests': () => ({ body: { items: page, page: 0, size: 100, total: page.length } }),
      'GET /api/v1/requests/live': () => {
        const stream = eventStream()
        streams.push(stream)
        return { body: stream.body }
      },
      'GET /api/v1/org-units/inst-1/subtree': { body: SUBTREE },
      'GET /api/v1/menu/items': { body: [{ code: 'FIX', name: '小家电维修', platform: 'CARE', fields: [] }] },
    }
    calls = answerCalls(answers)
    pauses.wait = () => new Promise((resolve) => { releasePause = resolve })
  })

  afterEach(() => {
    wrapper?.unmount()
    vi.useRealTimers()
  })

  async function open() {
    ({ wrapper, router } = await mountPage(QueuePage, '/', { path: '/', name: 'queue' }, [{ path: '/orders/:requestId', name: 'order' }], { console: words }))
    await settle()
  }

  const queueCalls = () => calls.filter((call) => call.url.pathname === '/api/v1/requests')
  const shownIds = () => wrapper.findAll('[data-testid=queue-row]').map((row) => row.attributes('data-request-id'))

  it('opens the live stream of the person\'s unit and fetches the first page when it is ready', async () => {
    await open()
    expect(calls.find((call) => call.url.pathname === '/api/v1/requests/live')!.url.searchParams.get('unitId')).toBe('inst-1')
    expect(queueCalls()).toHaveLength(0)
    streams[0].send(READY)
    await settle()
    expect(queueCalls()).toHaveLength(1)
    expect(Object.fromEntries(queueCalls()[0].url.searchParams)).toEqual({ district: 'cq-jiulongpo', page: '0', size: '100', unitId: 'inst-1', status: 'SUBMITTED' })
    expect(shownIds()).toEqual(['req-new', 'req-late'])
    expect(wrapper.find('[data-testid=live-state]').attributes('data-state')).toBe('open')
    expect(wrapper.find('[data-testid=queue-row]').text()).toContain('小家电维修')
    expect(wrapper.find('[data-testid=queue-row]').text()).toContain('盘龙实践站')
  })

  it('counts the SLA clocks down without asking again, and marks the overdue', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    const clocks = () => wrapper.findAll('[data-testid=queue-clock]').map((cell) => cell.text())
    expect(clocks()).toEqual(['0:10:00', '-0:15:00已超时'])
    expect(wrapper.findAll('[data-testid=queue-row]')[1].classes()).toContain('overdue')
    await vi.advanceTimersByTimeAsync(2000)
    expect(clocks()).toEqual(['0:09:58', '-0:15:02已超时'])
    expect(queueCalls()).toHaveLength(1)
  })

  it('adds a request that now belongs, removes one that left the stage, and ignores other units and stale events', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    streams[0].send(requestEvent(order('req-fresh', { submittedAt: '2026-03-07T08:50:00Z', unitId: 'st-2' }), 1))
    streams[0].send(requestEvent(order('req-elsewhere', { unitId: 'st-99' }), 1))
    streams[0].send(requestEvent(order('req-late', { status: 'REVIEWED', unitId: 'st-2' }), 2))
    // Older than the row's appliedSequence (5): applied, it would take the row out of the queue.
    streams[0].send(requestEvent(order('req-new', { status: 'REVIEWED' }), 4))
    await settle()
    expect(shownIds()).toEqual(['req-fresh', 'req-new'])
    expect(wrapper.find('[data-testid=queue-count]').text()).toContain('2')
    expect(queueCalls()).toHaveLength(1)
  })

  it('drops a request escalated above the unit', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    const before = shownIds()
    streams[0].send(leftEvent(before[0]!, 9))
    await settle()
    expect(shownIds()).toEqual(before.slice(1))
    expect(queueCalls()).toHaveLength(1)
  })

  it('shows that it is reconnecting after a drop, and fetches the page again once the new stream is ready', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    streams[0].drop()
    await settle()
    expect(wrapper.find('[data-testid=live-state]').attributes('data-state')).toBe('reconnecting')
    expect(wrapper.find('[data-testid=live-state]').text()).toBe('正在重新连接…')
    page = [order('req-meanwhile')]
    releasePause()
    await settle()
    streams[1].send(READY)
    await settle()
    expect(streams).toHaveLength(2)
    expect(queueCalls()).toHaveLength(2)
    expect(shownIds()).toEqual(['req-meanwhile'])
    expect(wrapper.find('[data-testid=live-state]').attributes('data-state')).toBe('open')
  })

  it('fetches the stage\'s statuses, or the one the person chooses, and asks again by channel', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    const last = () => queueCalls()[queueCalls().length - 1].url.searchParams
    await wrapper.find('input[name=stage][value=waiting]').setValue(true)
    await settle()
    expect(last().getAll('status')).toEqual(['REVIEWED', 'DISPATCHED'])
    await wrapper.find('input[name=stage-status][value=DISPATCHED]').setValue(true)
    await settle()
    expect(last().getAll('status')).toEqual(['DISPATCHED'])
    const asked = queueCalls().length
    await wrapper.find('[data-testid=queue-channel]').setValue('PHONE')
    await settle()
    expect(queueCalls()).toHaveLength(asked + 1)
    expect(last().getAll('channel')).toEqual(['PHONE'])
    await wrapper.find('[data-testid=queue-search]').setValue('冰箱')
    await settle()
    expect(queueCalls()).toHaveLength(asked + 1)
  })

  it('puts only the rows in view in the page, and fetches the next page as the person scrolls to the end', async () => {
    const all = Array.from({ length: 5000 }, (_, i) => order('req-' + i, { submittedAt: new Date(Date.parse('2026-03-07T08:00:00Z') - i * 60_000).toISOString() }))
    answers['GET /api/v1/requests'] = (call) => {
      const number = Number(call.url.searchParams.get('page'))
      return { body: { items: all.slice(number * 100, number * 100 + 100), page: number, size: 100, total: all.length } }
    }
    await open()
    streams[0].send(READY)
    await settle()
    expect(wrapper.findAll('[data-testid=queue-row]').length).toBeLessThan(40)
    expect(wrapper.find('[role=grid]').attributes('aria-rowcount')).toBe('5001')
    const viewport = wrapper.find('.viewport').element as HTMLElement
    viewport.scrollTop = 99 * 44 - 600
    viewport.dispatchEvent(new Event('scroll'))
    await settle()
    expect(queueCalls().map((call) => call.url.searchParams.get('page'))).toEqual(['0', '1'])
    expect(wrapper.find('[data-testid=queue-more]').text()).toContain('200 / 5000')
    expect(wrapper.findAll('[data-testid=queue-row]').length).toBeLessThan(40)
    expect(wrapper.find('[data-testid=queue-row]').attributes('aria-rowindex')).not.toBe('2')
    // The active row (the first) has left the page: nothing to point at.
    expect(wrapper.find('[role=grid]').attributes('aria-activedescendant')).toBeUndefined()
  })

  it('still shows the queue, and says why, when the live stream is refused', async () => {
    answers['GET /api/v1/requests/live'] = { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403, detail: 'no' } }
    await open()
    expect(wrapper.find('[data-testid=live-state]').attributes('data-state')).toBe('refused')
    expect(wrapper.find('[data-testid=live-problem]').text()).toBe('您没有权限这样操作。')
    expect(shownIds()).toEqual(['req-new', 'req-late'])
  })

  it('moves with j/k and opens with Enter', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    const key = async (key: string) => { window.dispatchEvent(new KeyboardEvent('keydown', { key })); await settle() }
    await key('j')
    expect(wrapper.find('[aria-selected=true]').attributes('data-request-id')).toBe('req-late')
    expect(wrapper.find('[role=grid]').attributes('aria-activedescendant')).toBe('row-req-late')
    await key('k')
    await key('Enter')
    expect(router.currentRoute.value.fullPath).toBe('/orders/req-new')
  })

  it('goes to the review with r, to the dispatch with d, and to the search with /', async () => {
    await open()
    streams[0].send(READY)
    await settle()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'r' }))
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/orders/req-new?act=review')
    wrapper.unmount()
    await open()
    streams[1].send(READY)
    await settle()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'j' }))
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'd' }))
    await settle()
    expect(router.currentRoute.value.fullPath).toBe('/orders/req-late?act=dispatch')
  })

  it('focuses the search with / and leaves keys typed there to the field', async () => {
    wrapper = (await mountPage(QueuePage, '/', { path: '/', name: 'queue' }, [{ path: '/orders/:requestId', name: 'order' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    streams[0].send(READY)
    await settle()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '/' }))
    const search = wrapper.find('#queue-search').element as HTMLInputElement
    expect(document.activeElement).toBe(search)
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'j', bubbles: true }))
    await settle()
    expect(wrapper.find('[aria-selected=true]').attributes('data-request-id')).toBe('req-new')
  })
})
