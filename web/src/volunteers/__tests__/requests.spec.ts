import { describe, expect, it } from 'vitest'
import { assignmentActions, claimable, offerActions, reportedAt, shownAddress, sortRequests, teamsFor, teamsLedBy, timeProblem,
  type RequestView } from '../requests'

const ME = 'vol-me'

function request(fields: Partial<RequestView>): RequestView {
  return { requestId: 'req-1', districtId: 'cq-jiulongpo', platform: 'CARE', menuItemId: 'CARE-ESCORT', offeredTo: [], declinedBy: [], ...fields }
}

describe('offerActions', () => {
  it('offers accept and decline to a volunteer offered by name', () => {
    expect(offerActions(request({ status: 'DISPATCHED', offeredTo: [ME, 'vol-2'] }), ME)).toEqual(['accept', 'decline'])
  })

  it('offers nothing once the volunteer declined', () => {
    expect(offerActions(request({ status: 'DISPATCHED', offeredTo: [ME], declinedBy: [ME] }), ME)).toEqual([])
  })

  it('lets a team offer be accepted but not declined by a member not named', () => {
    expect(offerActions(request({ status: 'DISPATCHED', teamId: 'team-1', offeredTo: [] }), ME)).toEqual(['accept'])
  })

  it('offers nothing to a volunteer not offered', () => {
    expect(offerActions(request({ status: 'DISPATCHED', offeredTo: ['vol-2'] }), ME)).toEqual([])
  })

  it.each(['REVIEWED', 'ACCEPTED', 'IN_SERVICE', 'CANCELLED'] as const)('offers nothing when the request is %s', (status) => {
    expect(offerActions(request({ status, offeredTo: [ME] }), ME)).toEqual([])
  })
})

describe('assignmentActions', () => {
  it.each([
    ['ACCEPTED', ['check-in']], ['IN_SERVICE', ['check-out']], ['SERVED', ['complete']],
    ['COMPLETED', []], ['RATED', []], ['CANCELLED', []], ['DISPATCHED', []],
  ] as const)('a %s assignment allows %j', (status, actions) => {
    expect(assignmentActions(request({ status, volunteerId: ME }), ME)).toEqual(actions)
  })

  it('allows nothing on another volunteer\'s assignment', () => {
    expect(assignmentActions(request({ status: 'ACCEPTED', volunteerId: 'vol-2' }), ME)).toEqual([])
  })
})

describe('shownAddress', () => {
  const address = '盘龙社区 3 栋 2 单元'

  it.each(['ACCEPTED', 'IN_SERVICE'] as const)('shows the address to the assigned volunteer while %s', (status) => {
    expect(shownAddress(request({ status, volunteerId: ME, address }), ME)).toBe(address)
  })

  it.each(['DISPATCHED', 'SERVED', 'COMPLETED', 'CANCELLED'] as const)('hides the address when %s', (status) => {
    expect(shownAddress(request({ status, volunteerId: ME, address, offeredTo: [ME] }), ME)).toBeNull()
  })

  it('hides the address from a volunteer who is not the one assigned', () => {
    expect(shownAddress(request({ status: 'ACCEPTED', volunteerId: 'vol-2', address }), ME)).toBeNull()
  })
})

describe('sortRequests', () => {
  it('puts offers, assignments and the rest apart', () => {
    const offer = request({ requestId: 'req-offer', status: 'DISPATCHED', offeredTo: [ME] })
    const job = request({ requestId: 'req-job', status: 'IN_SERVICE', volunteerId: ME })
    const done = request({ requestId: 'req-done', status: 'COMPLETED', volunteerId: ME })
    const sorted = sortRequests([offer, job, done], ME)
    expect(sorted.offers.map((r) => r.requestId)).toEqual(['req-offer'])
    expect(sorted.assignments.map((r) => r.requestId)).toEqual(['req-job'])
    expect(sorted.past.map((r) => r.requestId)).toEqual(['req-done'])
  })
})

describe('claims', () => {
  it('only an order waiting for dispatch is claimable', () => {
    expect(claimable(request({ status: 'REVIEWED' }))).toBe(true)
    expect(claimable(request({ status: 'DISPATCHED' }))).toBe(false)
    expect(claimable(request({ status: 'SUBMITTED' }))).toBe(false)
  })

  it('keeps the active teams the volunteer leads', () => {
    const teams = [
      { teamId: 'team-led', leaderVolunteerId: ME, status: 'ACTIVE' as const },
      { teamId: 'team-member', leaderVolunteerId: 'vol-2', status: 'ACTIVE' as const },
      { teamId: 'team-gone', leaderVolunteerId: ME, status: 'DISSOLVED' as const },
    ]
    expect(teamsLedBy(teams, ME).map((team) => team.teamId)).toEqual(['team-led'])
  })

  it('matches a team to an order by platform', () => {
    const care = { teamId: 'care', platforms: ['CARE' as const] }
    const culture = { teamId: 'culture', platforms: ['CULTURE' as const] }
    const any = { teamId: 'any', platforms: [] }
    expect(teamsFor(request({ platform: 'CARE' }), [care, culture, any]).map((team) => team.teamId)).toEqual(['care', 'any'])
  })
})

describe('reported times', () => {
  // Local time, like the times typed into the form: the test holds in any time zone the build runs in.
  const now = new Date('2026-03-01T10:00')

  it('an empty time is left to the service (now)', () => {
    expect(reportedAt('')).toBeUndefined()
    expect(timeProblem('check-in', '', request({}), now)).toBeNull()
  })

  it('a typed time goes as an instant', () => {
    expect(reportedAt('2026-03-01T09:30')).toBe(new Date('2026-03-01T09:30').toISOString())
  })

  it('refuses a time well in the future but accepts one within five minutes', () => {
    const local = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    expect(timeProblem('check-in', local(new Date(now.getTime() + 60 * 60_000)), request({}), now)).toBe('timeFuture')
    expect(timeProblem('check-in', local(new Date(now.getTime() + 2 * 60_000)), request({}), now)).toBeNull()
  })

  it('refuses a check-out not after the check-in', () => {
    const checkedInAt = new Date('2026-03-01T09:00').toISOString()
    expect(timeProblem('check-out', '2026-03-01T08:30', request({ checkedInAt }), now)).toBe('timeBeforeCheckIn')
    expect(timeProblem('check-out', '2026-03-01T09:00', request({ checkedInAt }), now)).toBe('timeBeforeCheckIn')
    expect(timeProblem('check-out', '2026-03-01T09:30', request({ checkedInAt }), now)).toBeNull()
  })

  it('refuses what is not a time', () => {
    expect(timeProblem('check-in', 'soon', request({}), now)).toBe('timeInvalid')
  })
})
