import { describe, expect, it } from 'vitest'
import { clockText, timeLeft } from '../sla'

const NOW = Date.parse('2026-03-07T09:00:00Z')

describe('the time left on an SLA clock', () => {
  it('counts down to the deadline of the running stage', () => {
    expect(timeLeft({ clockDueAt: '2026-03-07T11:05:09Z' }, NOW)).toEqual({ ms: 7_509_000, overdue: false, text: '2:05:09' })
  })

  it('goes negative and overdue once the deadline has passed', () => {
    expect(timeLeft({ clockDueAt: '2026-03-07T08:47:30Z' }, NOW)).toEqual({ ms: -750_000, overdue: true, text: '-0:12:30' })
  })

  it('moves with the page clock, not with the view', () => {
    const view = { clockDueAt: '2026-03-07T09:00:02Z' }
    expect([0, 1000, 2000, 3000].map((tick) => timeLeft(view, NOW + tick)!.text)).toEqual(['0:00:02', '0:00:01', '0:00:00', '-0:00:01'])
    expect(timeLeft(view, NOW + 3000)!.overdue).toBe(true)
  })

  it('shows days for long clocks, with offsets written in the deadline', () => {
    expect(timeLeft({ clockDueAt: '2026-03-09T12:00:00+08:00' }, NOW)!.text).toBe('1 d 19:00:00')
  })

  it('has nothing to show when no clock runs', () => {
    expect(timeLeft({}, NOW)).toBeNull()
    expect(timeLeft({ clockDueAt: 'soon' }, NOW)).toBeNull()
  })

  it('never shows a partly passed second as on time', () => {
    expect(clockText(-1500)).toBe('-0:00:02')
    expect(clockText(1500)).toBe('0:00:01')
  })
})
