import { describe, expect, it } from 'vitest'
import { isSignedUp, placesLeft, signUpOpen, upcoming, withOwnChange, type Activity } from '../activities'

const now = Date.parse('2026-12-06T02:00:00Z')
const base: Activity = {
  activityId: 'a1', residentCapacity: 2, volunteerCapacity: 1, participants: { 'acc-1': 'RESIDENT', 'v-1': 'VOLUNTEER' },
  signUpOpens: '2026-12-01T00:00:00Z', signUpCloses: '2026-12-07T00:00:00Z', startsAt: '2026-12-08T01:00:00Z', endsAt: '2026-12-08T03:00:00Z',
}

describe('activities as people meet them', () => {
  it('counts places left per role', () => {
    expect(placesLeft(base, 'RESIDENT')).toBe(1)
    expect(placesLeft(base, 'VOLUNTEER')).toBe(0)
    expect(placesLeft({ ...base, participants: { a: 'RESIDENT', b: 'RESIDENT', c: 'RESIDENT' } }, 'RESIDENT')).toBe(0)
  })

  it('knows who signed up', () => {
    expect(isSignedUp(base, 'acc-1')).toBe(true)
    expect(isSignedUp(base, 'acc-2')).toBe(false)
    expect(isSignedUp(base, 'toString')).toBe(false)
  })

  it('takes sign-ups only between opening and closing, before the start, while not closed', () => {
    expect(signUpOpen(base, now)).toBe(true)
    expect(signUpOpen(base, Date.parse('2026-11-30T00:00:00Z'))).toBe(false)
    expect(signUpOpen(base, Date.parse('2026-12-07T00:00:01Z'))).toBe(false)
    expect(signUpOpen({ ...base, closed: true }, now)).toBe(false)
  })

  it('lists what is not over, nearest first when the place is known, else soonest first', () => {
    const near: Activity = { ...base, activityId: 'near', startsAt: '2026-12-09T00:00:00Z', location: { latitude: 29.5070, longitude: 106.5108 } }
    const far: Activity = { ...base, activityId: 'far', startsAt: '2026-12-07T00:00:00Z', location: { latitude: 29.60, longitude: 106.60 } }
    const nowhere: Activity = { ...base, activityId: 'nowhere', startsAt: '2026-12-06T05:00:00Z' }
    const over: Activity = { ...base, activityId: 'over', endsAt: '2026-12-05T00:00:00Z' }
    const here = { latitude: 29.5069, longitude: 106.5107 }
    expect(upcoming([far, nowhere, near, over], here, now).map((a) => a.activityId)).toEqual(['near', 'far', 'nowhere'])
    expect(upcoming([far, nowhere, near, over], null, now).map((a) => a.activityId)).toEqual(['nowhere', 'far', 'near'])
  })

  it('lays one\'s own acknowledged sign-up or cancellation over a read that is still behind', () => {
    const signed = withOwnChange(base, 'acc-me', 'RESIDENT')
    expect(isSignedUp(signed, 'acc-me')).toBe(true)
    expect(placesLeft(signed, 'RESIDENT')).toBe(placesLeft(base, 'RESIDENT') - 1)
    expect(withOwnChange(signed, 'acc-me', 'RESIDENT')).toEqual(signed)
    const cancelled = withOwnChange(signed, 'acc-me', null)
    expect(isSignedUp(cancelled, 'acc-me')).toBe(false)
    expect(cancelled.participants).toEqual(base.participants ?? {})
    expect(isSignedUp(base, 'acc-me')).toBe(false)
  })
})
