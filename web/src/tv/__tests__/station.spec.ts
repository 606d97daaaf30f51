import { beforeEach, describe, expect, it } from 'vitest'
import { STATION_KEY, stationOf } from '../station'

describe('the box\'s station', () => {
  beforeEach(() => localStorage.clear())

  it('is taken from the address once and remembered', () => {
    expect(stationOf('?station=s-3-2')).toBe('s-3-2')
    expect(localStorage.getItem(STATION_KEY)).toBe('s-3-2')
    expect(stationOf('')).toBe('s-3-2')
  })

  it('is replaced by a later address naming another', () => {
    stationOf('?station=s-3-2')
    expect(stationOf('?station=s-1-1')).toBe('s-1-1')
    expect(stationOf('')).toBe('s-1-1')
  })

  it('ignores an address that is not an id, keeping what was set', () => {
    stationOf('?station=s-3-2')
    expect(stationOf('?station=' + encodeURIComponent('<script>'))).toBe('s-3-2')
  })

  it('is unknown until it is set', () => {
    expect(stationOf('')).toBeNull()
  })
})
