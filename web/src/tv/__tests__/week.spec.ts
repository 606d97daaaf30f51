import { describe, expect, it } from 'vitest'
import { activitiesOfWeek, placesLeft, weekOf, zoneOffsetMs, type Activity } from '../week'

describe('this week in the district\'s zone', () => {
  it('knows Shanghai is eight hours ahead of UTC', () => {
    expect(zoneOffsetMs(new Date('2026-03-04T12:00:00Z'))).toBe(8 * 3_600_000)
  })

  it('runs from Monday 00:00 to the next Monday 00:00 in Shanghai', () => {
    const week = weekOf(new Date('2026-03-04T12:00:00Z')) // Wednesday
    expect(week.from.toISOString()).toBe('2026-03-01T16:00:00.000Z') // Monday 2 March 00:00 +08:00
    expect(week.to.toISOString()).toBe('2026-03-08T16:00:00.000Z')
  })

  it('puts Sunday 23:30 in Shanghai (still Sunday afternoon in UTC) in the week that ends that night', () => {
    const week = weekOf(new Date('2026-03-08T15:30:00Z'))
    expect(week.from.toISOString()).toBe('2026-03-01T16:00:00.000Z')
  })

  it('starts a new week at Monday 00:10 in Shanghai, though UTC still says Sunday', () => {
    const week = weekOf(new Date('2026-03-08T16:10:00Z'))
    expect(week.from.toISOString()).toBe('2026-03-08T16:00:00.000Z')
  })

  it('works in another zone too (New York, across its change to summer time)', () => {
    const week = weekOf(new Date('2026-03-09T15:00:00Z'), 'America/New_York') // Monday 9 March, EDT from the 8th
    expect(week.from.toISOString()).toBe('2026-03-09T04:00:00.000Z')
    expect(week.to.toISOString()).toBe('2026-03-16T04:00:00.000Z')
  })
})

describe('the week\'s activities', () => {
  const week = weekOf(new Date('2026-03-04T12:00:00Z'))
  const activity = (id: string, startsAt: string, endsAt?: string, more: Partial<Activity> = {}): Activity =>
    ({ activityId: id, title: id, startsAt, endsAt, ...more })

  it('keeps those that start, end or run within the week, earliest first, and drops closed ones', () => {
    const kept = activitiesOfWeek([
      activity('friday', '2026-03-06T02:00:00Z', '2026-03-06T04:00:00Z'),
      activity('last-week', '2026-02-27T02:00:00Z', '2026-02-27T04:00:00Z'),
      activity('monday-early', '2026-03-01T16:30:00Z', '2026-03-01T18:00:00Z'),
      activity('sunday-night-before', '2026-03-01T15:00:00Z', '2026-03-01T15:59:00Z'),
      activity('running-into-week', '2026-02-28T02:00:00Z', '2026-03-02T02:00:00Z'),
      activity('next-monday', '2026-03-08T16:00:00Z', '2026-03-08T18:00:00Z'),
      activity('closed', '2026-03-05T02:00:00Z', '2026-03-05T04:00:00Z', { closed: true }),
      activity('no-start', ''),
    ], week)
    expect(kept.map((a) => a.activityId)).toEqual(['running-into-week', 'monday-early', 'friday'])
  })

  it('counts the residents\' places left, not the volunteers\'', () => {
    expect(placesLeft({ residentCapacity: 3, participants: { a: 'RESIDENT', b: 'VOLUNTEER', c: 'RESIDENT' } })).toBe(1)
    expect(placesLeft({ residentCapacity: 1, participants: { a: 'RESIDENT', b: 'RESIDENT' } })).toBe(0)
    expect(placesLeft({})).toBeNull()
  })
})
