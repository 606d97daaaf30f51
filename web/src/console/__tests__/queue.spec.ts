import { describe, expect, it } from 'vitest'
import { apiQuery, emptyFilters, listed, QueueRows, shown, type QueueFilters } from '../queue'
import type { RequestView } from '../live'

const NOW = Date.parse('2026-03-07T09:00:00Z')

function order(id: string, fields: Partial<RequestView> = {}): RequestView {
  return { requestId: id, status: 'SUBMITTED', unitId: 'st-1', platform: 'CARE', channel: 'APP', menuItemId: 'cq-jiulongpo/FIX',
    submittedAt: '2026-03-07T08:00:00Z', appliedSequence: 0, escalations: 0, ...fields }
}

function filters(fields: Partial<QueueFilters> = {}): QueueFilters {
  return { ...emptyFilters(), ...fields }
}

describe('what the API is asked', () => {
  it('the stage\'s statuses (all, or the one chosen), the unit (the person\'s unless one is chosen) and the page', () => {
    expect(apiQuery(filters(), 'cq-jiulongpo', 'inst-1', 0, 100)).toEqual({ district: 'cq-jiulongpo', page: 0, size: 100, unitId: 'inst-1', status: ['SUBMITTED'] })
    expect(apiQuery(filters({ stage: 'waiting' }), 'd', 'inst-1', 0, 100)).toEqual({ district: 'd', page: 0, size: 100, unitId: 'inst-1', status: ['REVIEWED', 'DISPATCHED'] })
    expect(apiQuery(filters({ stage: 'waiting', status: 'DISPATCHED', unitId: 'st-1' }), 'd', 'inst-1', 2, 100))
      .toEqual({ district: 'd', page: 2, size: 100, unitId: 'st-1', status: ['DISPATCHED'] })
    expect(apiQuery(filters({ stage: 'waiting', status: 'SUBMITTED' }), 'd', null, 0, 100)).toEqual({ district: 'd', page: 0, size: 100, status: ['REVIEWED', 'DISPATCHED'] })
    expect(apiQuery(filters({ stage: 'overdue' }), 'd', 'u', 0, 100)).toEqual({ district: 'd', page: 0, size: 100, unitId: 'u', overdue: true })
    expect(apiQuery(filters({ stage: 'escalated' }), 'd', 'u', 0, 100)).toEqual({ district: 'd', page: 0, size: 100, unitId: 'u', escalated: true })
  })

  it('the platform, menu item, channel and the period\'s days in the district\'s calendar', () => {
    expect(apiQuery(filters({ platform: 'CARE', menuItem: 'FIX', channel: 'PHONE', from: '2026-03-07', to: '2026-03-08' }), 'd', 'u', 0, 100))
      .toEqual({ district: 'd', page: 0, size: 100, unitId: 'u', status: ['SUBMITTED'], platform: ['CARE'], menuItem: ['FIX'], channel: ['PHONE'],
        submittedFrom: '2026-03-06T16:00:00.000Z', submittedTo: '2026-03-08T16:00:00.000Z' })
  })
})

describe('whether the queue lists a request', () => {
  const units = new Set(['st-1', 'st-2'])

  it('by the stage\'s statuses and the chosen subtree', () => {
    expect(listed(order('a'), filters(), units, NOW)).toBe(true)
    expect(listed(order('a', { status: 'DISPATCHED' }), filters({ stage: 'waiting' }), units, NOW)).toBe(true)
    expect(listed(order('a', { status: 'DISPATCHED' }), filters({ stage: 'waiting', status: 'REVIEWED' }), units, NOW)).toBe(false)
    expect(listed(order('a', { status: 'REVIEWED' }), filters(), units, NOW)).toBe(false)
    expect(listed(order('a', { unitId: 'st-9' }), filters(), units, NOW)).toBe(false)
    expect(listed(order('a', { unitId: 'st-9' }), filters(), null, NOW)).toBe(true)
    expect(listed(order('a', { status: 'IN_SERVICE' }), filters({ stage: 'service', status: 'IN_SERVICE' }), units, NOW)).toBe(true)
  })

  it('overdue: its clock has run out; escalated: it was escalated', () => {
    expect(listed(order('a', { clockDueAt: '2026-03-07T08:59:59Z' }), filters({ stage: 'overdue' }), units, NOW)).toBe(true)
    expect(listed(order('a', { clockDueAt: '2026-03-07T09:00:01Z' }), filters({ stage: 'overdue' }), units, NOW)).toBe(false)
    expect(listed(order('a', { escalations: 1, status: 'REVIEWED' }), filters({ stage: 'escalated' }), units, NOW)).toBe(true)
    expect(listed(order('a'), filters({ stage: 'escalated' }), units, NOW)).toBe(false)
  })
})

describe('the filters the API applies, as the live events are checked against them', () => {
  it('platform, menu item by code, channel, period in the district\'s days', () => {
    const row = order('req-77', { submittedAt: '2026-03-06T16:30:00Z' }) // 7 March, 00:30 in Chongqing
    const units = new Set(['st-1'])
    expect(listed(row, filters({ platform: 'CARE', menuItem: 'FIX', channel: 'APP' }), units, NOW)).toBe(true)
    expect(listed(row, filters({ platform: 'LEGAL' }), units, NOW)).toBe(false)
    expect(listed(row, filters({ menuItem: 'OTHER' }), units, NOW)).toBe(false)
    expect(listed(row, filters({ channel: 'PHONE' }), units, NOW)).toBe(false)
    expect(listed(row, filters({ from: '2026-03-07', to: '2026-03-07' }), units, NOW)).toBe(true)
    expect(listed(row, filters({ to: '2026-03-06' }), units, NOW)).toBe(false)
    expect(listed(row, filters({ from: '2026-03-08' }), units, NOW)).toBe(false)
  })
})

describe('the search words, applied to the loaded rows', () => {
  it('every word somewhere in the id, description, address, item or grid', () => {
    const row = order('req-77', { description: '冰箱不制冷', address: '盘龙路 3 号' })
    expect(shown(row, filters())).toBe(true)
    expect(shown(row, filters({ search: '冰箱 盘龙' }))).toBe(true)
    expect(shown(row, filters({ search: 'REQ-77' }))).toBe(true)
    expect(shown(row, filters({ search: '电视' }))).toBe(false)
  })
})

describe('the rows and live events', () => {
  const submitted = (view: RequestView) => view.status === 'SUBMITTED'

  function rows(...views: RequestView[]) {
    const queue = new QueueRows()
    queue.replace(views, views.length)
    return queue
  }

  it('adds a request that now belongs, in the newest-first order, and counts it', () => {
    const queue = rows(order('b', { submittedAt: '2026-03-07T08:30:00Z' }), order('a', { submittedAt: '2026-03-07T08:00:00Z' }))
    expect(queue.apply(order('c', { submittedAt: '2026-03-07T08:10:00Z' }), 1, submitted)).toBe('added')
    expect(queue.rows.map((r) => r.requestId)).toEqual(['b', 'c', 'a'])
    expect(queue.total).toBe(3)
  })

  it('updates a held row in place and removes one that no longer belongs', () => {
    const queue = rows(order('a', { appliedSequence: 2 }), order('b', { appliedSequence: 1 }))
    expect(queue.apply(order('a', { description: 'changed' }), 3, submitted)).toBe('updated')
    expect(queue.rows[0]).toMatchObject({ requestId: 'a', description: 'changed', appliedSequence: 3 })
    expect(queue.apply(order('b', { status: 'REVIEWED' }), 2, submitted)).toBe('removed')
    expect(queue.rows.map((r) => r.requestId)).toEqual(['a'])
    expect(queue.total).toBe(1)
  })

  it('ignores an event older than the row, and one of a request it neither holds nor lists', () => {
    const queue = rows(order('a', { appliedSequence: 5, description: 'new' }))
    expect(queue.apply(order('a', { description: 'old' }), 4, submitted)).toBe('ignored')
    expect(queue.rows[0].description).toBe('new')
    expect(queue.apply(order('z', { status: 'REVIEWED' }), 1, submitted)).toBe('ignored')
    expect(queue.rows).toHaveLength(1)
  })

  it('does not bring back a removed request with a late, older event', () => {
    const queue = rows(order('a', { appliedSequence: 1 }))
    expect(queue.apply(order('a', { status: 'REVIEWED' }), 3, submitted)).toBe('removed')
    expect(queue.apply(order('a', { status: 'SUBMITTED' }), 2, submitted)).toBe('ignored')
    expect(queue.rows).toEqual([])
  })

  it('drops a request that left the subtree (escalated above it), unless the row is newer, and keeps it gone', () => {
    const queue = rows(order('a', { appliedSequence: 2 }), order('b', { appliedSequence: 6 }))
    expect(queue.leave('a', 4)).toBe('removed')
    expect(queue.leave('b', 5)).toBe('ignored')
    expect(queue.leave('z', 1)).toBe('ignored')
    expect(queue.rows.map((r) => r.requestId)).toEqual(['b'])
    expect(queue.total).toBe(1)
    expect(queue.apply(order('a', { status: 'SUBMITTED' }), 3, submitted)).toBe('ignored')
    expect(queue.rows.map((r) => r.requestId)).toEqual(['b'])
  })

  it('does not repeat a row of the next page that a live event already moved into the loaded ones', () => {
    const queue = rows(order('a'))
    queue.total = 3
    queue.apply(order('b', { submittedAt: '2026-03-07T07:00:00Z' }), 4, submitted)
    queue.append([order('b', { appliedSequence: 4, submittedAt: '2026-03-07T07:00:00Z' }), order('c', { submittedAt: '2026-03-07T06:00:00Z' })], 4)
    expect(queue.rows.map((r) => r.requestId)).toEqual(['a', 'b', 'c'])
  })
})
