import { describe, expect, it } from 'vitest'
import { mayCancel, signUpBlocked, signedUp, volunteerPlacesLeft, type ActivityView } from '../activities'

const ME = 'vol-me'
const NOW = new Date('2026-03-01T10:00:00Z')

function activity(fields: Partial<ActivityView>): ActivityView {
  return {
    activityId: 'act-1', title: '垃圾分类宣传', volunteerCapacity: 2, residentCapacity: 10, participants: {}, checkedIn: {},
    startsAt: '2026-03-05T01:00:00Z', endsAt: '2026-03-05T03:00:00Z', closed: false, ...fields,
  }
}

describe('volunteerPlacesLeft', () => {
  it('counts only volunteers against the volunteer capacity', () => {
    expect(volunteerPlacesLeft(activity({ participants: { 'vol-2': 'VOLUNTEER', 'acc-1': 'RESIDENT', 'acc-2': 'RESIDENT' } }))).toBe(1)
  })

  it('never goes below zero', () => {
    expect(volunteerPlacesLeft(activity({ volunteerCapacity: 1, participants: { a: 'VOLUNTEER', b: 'VOLUNTEER' } }))).toBe(0)
  })
})

describe('signUpBlocked', () => {
  it('lets a volunteer sign up while places are left and sign-up runs', () => {
    expect(signUpBlocked(activity({ signUpOpens: '2026-02-01T00:00:00Z', signUpCloses: '2026-03-04T00:00:00Z' }), ME, NOW)).toBeNull()
  })

  it('says why not', () => {
    expect(signUpBlocked(activity({ closed: true }), ME, NOW)).toBe('closed')
    expect(signUpBlocked(activity({ participants: { [ME]: 'VOLUNTEER' } }), ME, NOW)).toBe('signed-up')
    expect(signUpBlocked(activity({ signUpOpens: '2026-03-02T00:00:00Z' }), ME, NOW)).toBe('not-open-yet')
    expect(signUpBlocked(activity({ signUpCloses: '2026-03-01T09:00:00Z' }), ME, NOW)).toBe('sign-up-over')
    expect(signUpBlocked(activity({ participants: { a: 'VOLUNTEER', b: 'VOLUNTEER' } }), ME, NOW)).toBe('full')
  })

  it('closes sign-up at the end when no closing time is set', () => {
    expect(signUpBlocked(activity({ endsAt: '2026-03-01T09:00:00Z' }), ME, NOW)).toBe('sign-up-over')
  })

  it('a resident place under the same id is not a volunteer place', () => {
    expect(signedUp(activity({ participants: { [ME]: 'RESIDENT' } }), ME)).toBe(false)
  })
})

describe('mayCancel', () => {
  it('gives a place back until checked in', () => {
    expect(mayCancel(activity({ participants: { [ME]: 'VOLUNTEER' } }), ME)).toBe(true)
    expect(mayCancel(activity({ participants: { [ME]: 'VOLUNTEER' }, checkedIn: { [ME]: '2026-03-05T01:00:00Z' } }), ME)).toBe(false)
    expect(mayCancel(activity({ participants: { [ME]: 'VOLUNTEER' }, closed: true }), ME)).toBe(false)
    expect(mayCancel(activity({}), ME)).toBe(false)
  })
})
