import { describe, expect, it } from 'vitest'
import { IDLE_LOGOUT_MS, idleTooLong } from '../idle'

describe('a viewer who walks away', () => {
  it('is logged out after ten minutes without a key, not a moment before', () => {
    const last = Date.parse('2026-12-06T12:00:00Z')
    expect(IDLE_LOGOUT_MS).toBe(600_000)
    expect(idleTooLong(last, last + IDLE_LOGOUT_MS - 1)).toBe(false)
    expect(idleTooLong(last, last + IDLE_LOGOUT_MS)).toBe(true)
    expect(idleTooLong(last, last + 5_000, 5_000)).toBe(true)
  })
})
