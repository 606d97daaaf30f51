/*
 * What a volunteer may do with a request, from the request as request-service shows it: the offers they can accept or
 * decline, the assignments they serve (check in, check out, complete), and what a team leader can claim (抢单).
 * The service decides in the end; this only keeps the page from offering a button that is bound to be refused.
 */
import type { RequestSchemas } from '../api/client'

export type RequestView = RequestSchemas['schemas']['RequestView']
export type RequestStatus = NonNullable<RequestView['status']>

export type OfferAction = 'accept' | 'decline'
export type AssignmentAction = 'check-in' | 'check-out' | 'complete'

/** A request offered to the volunteer by name (not yet declined) or to a team of theirs: accept; by name: decline. */
export function offerActions(request: RequestView, volunteerId: string): OfferAction[] {
  if (request.status !== 'DISPATCHED') return []
  const declined = (request.declinedBy ?? []).includes(volunteerId)
  const byName = (request.offeredTo ?? []).includes(volunteerId) && !declined
  if (byName) return ['accept', 'decline']
  // A team offer: any member may accept (the service checks membership); only those named can decline.
  if (request.teamId && !declined) return ['accept']
  return []
}

/** The next step of the volunteer's own assignment: check in once accepted, check out while serving, then complete. */
export function assignmentActions(request: RequestView, volunteerId: string): AssignmentAction[] {
  if (request.volunteerId !== volunteerId) return []
  switch (request.status) {
    case 'ACCEPTED': return ['check-in']
    case 'IN_SERVICE': return ['check-out']
    case 'SERVED': return ['complete']
    default: return []
  }
}

/**
 * The step a volunteer's photos belong to (evidence of the service): while in service they go with the check-out,
 * once served with the completion; before check-in there is nothing to show yet.
 */
export function photoStage(request: RequestView, volunteerId: string): 'CHECK_OUT' | 'COMPLETION' | null {
  if (request.volunteerId !== volunteerId) return null
  if (request.status === 'IN_SERVICE') return 'CHECK_OUT'
  if (request.status === 'SERVED') return 'COMPLETION'
  return null
}

/** Statuses during which the volunteer is on the job (accepted, not yet checked out). */
const ON_THE_JOB: RequestStatus[] = ['ACCEPTED', 'IN_SERVICE']

/** The requester's address, shown only to the volunteer while assigned to the request and not yet checked out. */
export function shownAddress(request: RequestView, volunteerId: string): string | null {
  const assigned = request.volunteerId === volunteerId && !!request.status && ON_THE_JOB.includes(request.status)
  return assigned ? request.address ?? null : null
}

/** Orders waiting for dispatch can be claimed by a team's leader; everything else is past that point. */
export function claimable(request: RequestView): boolean {
  return request.status === 'REVIEWED'
}

export interface Sorted {
  offers: RequestView[]
  assignments: RequestView[]
  past: RequestView[]
}

/** Splits the volunteer's list (their offers and assignments, as the service lists them) by what they can do now. */
export function sortRequests(requests: RequestView[], volunteerId: string): Sorted {
  const sorted: Sorted = { offers: [], assignments: [], past: [] }
  for (const request of requests) {
    if (offerActions(request, volunteerId).length) sorted.offers.push(request)
    else if (assignmentActions(request, volunteerId).length) sorted.assignments.push(request)
    else sorted.past.push(request)
  }
  return sorted
}

type TeamDocument = import('../api/client').VolunteerSchemas['schemas']['TeamDocument']

/** The active teams this volunteer leads: the teams they may claim orders for. */
export function teamsLedBy(teams: TeamDocument[], volunteerId: string): TeamDocument[] {
  return teams.filter((team) => team.status !== 'DISSOLVED' && team.leaderVolunteerId === volunteerId)
}

/** A claimable order fits a team that serves its platform (a team naming no platform serves any). */
export function teamsFor(request: RequestView, teams: TeamDocument[]): TeamDocument[] {
  return teams.filter((team) => !team.platforms?.length || (!!request.platform && team.platforms.includes(request.platform)))
}

/**
 * The time a volunteer reports for a check-in or check-out, from a datetime-local input (the phone's own zone); an
 * empty input is "now", left to the service's clock.
 */
export function reportedAt(localValue: string): string | undefined {
  if (!localValue) return undefined
  const at = new Date(localValue)
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString()
}

/** What is wrong with a reported time (a message key under volunteers.assignments), or null. */
export function timeProblem(action: 'check-in' | 'check-out', localValue: string, request: RequestView,
  now: Date): 'timeInvalid' | 'timeFuture' | 'timeBeforeCheckIn' | null {
  if (!localValue) return null
  const at = reportedAt(localValue)
  if (!at) return 'timeInvalid'
  // The service accepts up to five minutes ahead (clock skew); a time further ahead is a typing slip.
  if (new Date(at).getTime() > now.getTime() + 5 * 60_000) return 'timeFuture'
  if (action === 'check-out' && request.checkedInAt && new Date(at) <= new Date(request.checkedInAt)) {
    return 'timeBeforeCheckIn'
  }
  return null
}
