/*
 * Activities as a resident (or a volunteer) meets them: upcoming ones first — nearest first when the person shared
 * their location — with the places left for their role and whether they may still sign up (request-service's Activity:
 * sign-up between signUpOpens and signUpCloses, not closed, within the role's capacity).
 */
import type { RequestSchemas } from '../api/client'
import { distanceKm, type Point } from '../shared/geo'

export type Activity = RequestSchemas['schemas']['ActivityView']
export type Role = 'RESIDENT' | 'VOLUNTEER'

export function placesLeft(activity: Activity, role: Role): number {
  const capacity = role === 'RESIDENT' ? activity.residentCapacity ?? 0 : activity.volunteerCapacity ?? 0
  const taken = Object.values(activity.participants ?? {}).filter((r) => r === role).length
  return Math.max(0, capacity - taken)
}

export function isSignedUp(activity: Activity, participantId: string): boolean {
  return !!activity.participants && Object.prototype.hasOwnProperty.call(activity.participants, participantId)
}

export function signUpOpen(activity: Activity, now = Date.now()): boolean {
  if (activity.closed) return false
  if (activity.signUpOpens && now < Date.parse(activity.signUpOpens)) return false
  if (activity.signUpCloses && now > Date.parse(activity.signUpCloses)) return false
  return !activity.startsAt || now < Date.parse(activity.startsAt)
}

/** Activities not yet over, nearest first when `here` is known (those without a place last), else soonest first. */
export function upcoming(activities: Activity[], here: Point | null, now = Date.now()): Activity[] {
  const live = activities.filter((a) => !a.closed && (!a.endsAt || Date.parse(a.endsAt) > now))
  const soon = (a: Activity, b: Activity) => (a.startsAt ?? '').localeCompare(b.startsAt ?? '')
  if (!here) return live.sort(soon)
  const far = (a: Activity) => (a.location?.latitude !== undefined && a.location?.longitude !== undefined
    ? distanceKm(here, { latitude: a.location.latitude, longitude: a.location.longitude }) : Number.POSITIVE_INFINITY)
  return live.sort((a, b) => far(a) - far(b) || soon(a, b))
}

/**
 * The activity with one's own acknowledged sign-up (role) or cancellation (null) in it. The list is a read model a
 * moment behind the command the server just acknowledged, so a page lays its person's own change over what it reads.
 */
export function withOwnChange(activity: Activity, participantId: string, role: Role | null): Activity {
  const participants = { ...(activity.participants ?? {}) }
  if (role) participants[participantId] = role
  else delete participants[participantId]
  return { ...activity, participants }
}
