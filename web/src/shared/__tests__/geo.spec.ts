import { describe, expect, it } from 'vitest'
import { distanceKm, distanceText, pointOf } from '../geo'

describe('positions', () => {
  it('takes a point only when both coordinates are there', () => {
    expect(pointOf({ latitude: 29.5, longitude: 106.5 })).toEqual({ latitude: 29.5, longitude: 106.5 })
    expect(pointOf({ latitude: 0, longitude: 0 })).toEqual({ latitude: 0, longitude: 0 })
    expect(pointOf({ latitude: 29.5 })).toBeNull()
    expect(pointOf(undefined)).toBeNull()
  })

  it('measures great-circle distances', () => {
    // 0.1° of latitude is 11.12 km anywhere; 0.1° of longitude shrinks with the cosine of the latitude.
    expect(distanceKm({ latitude: 29.5, longitude: 106.5 }, { latitude: 29.6, longitude: 106.5 })).toBeCloseTo(11.12, 1)
    expect(distanceKm({ latitude: 60, longitude: 10 }, { latitude: 60, longitude: 10.1 })).toBeCloseTo(5.56, 1)
    expect(distanceKm({ latitude: 29.5, longitude: 106.5 }, { latitude: 29.5, longitude: 106.5 })).toBe(0)
  })

  it('writes metres under a kilometre and kilometres to one decimal above', () => {
    expect(distanceText(0.0449)).toEqual({ value: 40, unit: 'm' })
    expect(distanceText(0.996)).toEqual({ value: 1000, unit: 'm' })
    expect(distanceText(1)).toEqual({ value: 1, unit: 'km' })
    expect(distanceText(12.345)).toEqual({ value: 12.3, unit: 'km' })
  })
})
