import { describe, expect, it } from 'vitest'
import { ladder, starProgress } from '../stars'

const THRESHOLDS = [100, 300, 600, 1000, 1500]

describe('starProgress', () => {
  it('runs from zero to the first star before any star', () => {
    const progress = starProgress({ totalHours: 25, stars: 0, nextStarAtHours: 100, thresholds: THRESHOLDS })
    expect(progress).toMatchObject({ fromHours: 0, nextHours: 100, remainingHours: 75, nextStar: 1 })
    expect(progress.fraction).toBeCloseTo(0.25)
  })

  it('runs from the threshold passed to the next one', () => {
    const progress = starProgress({ totalHours: 450, stars: 2, nextStarAtHours: 600, thresholds: THRESHOLDS })
    expect(progress).toMatchObject({ stars: 2, fromHours: 300, nextHours: 600, remainingHours: 150, top: false, nextStar: 3 })
    expect(progress.fraction).toBeCloseTo(0.5)
  })

  it('starts a new bar exactly at a threshold', () => {
    const progress = starProgress({ totalHours: 300, stars: 2, nextStarAtHours: 600, thresholds: THRESHOLDS })
    expect(progress.fromHours).toBe(300)
    expect(progress.fraction).toBe(0)
  })

  it('is full with nothing to go at five stars', () => {
    const progress = starProgress({ totalHours: 1600, stars: 5, thresholds: THRESHOLDS })
    expect(progress).toMatchObject({ nextHours: null, fraction: 1, remainingHours: 0, fromHours: 1500, top: true })
  })

  it('finds the next threshold itself when the service leaves it out below the top', () => {
    const progress = starProgress({ totalHours: 120.5, stars: 1, thresholds: THRESHOLDS })
    expect(progress).toMatchObject({ fromHours: 100, nextHours: 300, remainingHours: 179.5 })
  })

  it('names the next star by the ladder even when the stars held lag behind new thresholds', () => {
    // Thresholds apply from the next change of hours: 2 stars held under old ones, 350 h is past 1 star of the new.
    const progress = starProgress({ totalHours: 350, stars: 2, nextStarAtHours: 400, thresholds: [200, 400, 800, 1200, 2000] })
    expect(progress).toMatchObject({ fromHours: 200, nextHours: 400, nextStar: 2, remainingHours: 50 })
  })

  it('counts half hours exactly', () => {
    expect(starProgress({ totalHours: 99.5, nextStarAtHours: 100, thresholds: THRESHOLDS }).remainingHours).toBe(0.5)
  })

  it('has no stars and no bar for an empty ledger', () => {
    expect(starProgress({})).toMatchObject({ stars: 0, totalHours: 0, nextHours: null, fraction: 0, top: false })
  })
})

describe('ladder', () => {
  it('reads the thresholds of the star-levels answer', () => {
    expect(ladder({ districtId: 'cq-jiulongpo', thresholds: THRESHOLDS, configured: false })).toEqual(THRESHOLDS)
  })

  it('is empty for an answer without numbers', () => {
    expect(ladder({ thresholds: ['a'] })).toEqual([])
    expect(ladder(undefined)).toEqual([])
  })
})
