import { describe, expect, it } from 'vitest'
import { canCancel, canRate, canReopen, durationMs, timeline, type RequestView } from '../orderStatus'

const completedAt = '2026-12-01T02:00:00Z'
const hour = 3_600_000

describe('what a resident may do with an order', () => {
  it('cancels until the service is delivered, never after', () => {
    for (const status of ['SUBMITTED', 'REVIEWED', 'DISPATCHED', 'ACCEPTED', 'IN_SERVICE'] as const) {
      expect(canCancel({ status })).toBe(true)
    }
    for (const status of ['SERVED', 'COMPLETED', 'RATED', 'CANCELLED', 'REJECTED', 'EXPIRED'] as const) {
      expect(canCancel({ status })).toBe(false)
    }
  })

  it('rates a completed order only', () => {
    expect(canRate({ status: 'COMPLETED' })).toBe(true)
    expect(canRate({ status: 'RATED' })).toBe(false)
    expect(canRate({ status: 'SERVED' })).toBe(false)
  })

  it('reopens within the window: a completed order, or a rated one rated low or not solved', () => {
    const now = Date.parse(completedAt) + 10 * hour
    expect(canReopen({ status: 'COMPLETED', completedAt }, 'PT168H', now)).toBe(true)
    expect(canReopen({ status: 'RATED', rating: 2, solved: true, completedAt }, 'PT168H', now)).toBe(true)
    expect(canReopen({ status: 'RATED', rating: 5, solved: false, completedAt }, 'PT168H', now)).toBe(true)
    expect(canReopen({ status: 'RATED', rating: 3, solved: true, completedAt }, 'PT168H', now)).toBe(false)
    expect(canReopen({ status: 'COMPLETED', completedAt }, 'PT5H', now)).toBe(false)
    expect(canReopen({ status: 'IN_SERVICE', completedAt }, 'PT168H', now)).toBe(false)
  })

  it('reads the ISO-8601 durations menu items carry', () => {
    expect(durationMs('PT168H')).toBe(168 * hour)
    expect(durationMs('P7D')).toBe(168 * hour)
    expect(durationMs('PT1H30M')).toBe(90 * 60_000)
    expect(durationMs('soon')).toBeNull()
    expect(durationMs('PT')).toBeNull()
  })

  it('shows the stages oldest first, keeping reasons for the resident and dropping unit ids', () => {
    const view: RequestView = { history: [
      { at: '2026-12-01T01:00:00Z', event: 'reviewed', by: 'admin-pl', detail: 's-3-2' },
      { at: '2026-12-01T00:00:00Z', event: 'submitted', detail: 'APP' },
      { at: '2026-12-01T01:30:00Z', event: 'match-requested', detail: 'attempt 1' },
      { at: '2026-12-01T03:00:00Z', event: 'reopened', detail: '没修好' },
    ] }
    expect(timeline(view)).toEqual([
      { at: '2026-12-01T00:00:00Z', event: 'submitted', detail: null },
      { at: '2026-12-01T01:00:00Z', event: 'reviewed', detail: null },
      { at: '2026-12-01T03:00:00Z', event: 'reopened', detail: '没修好' },
    ])
  })
})
