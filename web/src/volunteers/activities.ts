/* A volunteer's place at an activity: places left for volunteers, and whether they may sign up or cancel now. */
import { placesLeft, type Activity } from '../residents/activities'

export { withOwnChange } from '../residents/activities'

export type ActivityView = Activity

/** Places left for volunteers (residents have their own capacity). */
export function volunteerPlacesLeft(activity: ActivityView): number {
  return placesLeft(activity, 'VOLUNTEER')
}

export function signedUp(activity: ActivityView, volunteerId: string): boolean {
  return activity.participants?.[volunteerId] === 'VOLUNTEER'
}

/** Why a volunteer cannot sign up, or null when they can. */
export type Blocked = 'closed' | 'not-open-yet' | 'sign-up-over' | 'full' | 'signed-up' | null

export function signUpBlocked(activity: ActivityView, volunteerId: string, now: Date): Blocked {
  if (activity.closed) return 'closed'
  if (signedUp(activity, volunteerId)) return 'signed-up'
  if (activity.signUpOpens && now < new Date(activity.signUpOpens)) return 'not-open-yet'
  const closes = activity.signUpCloses ?? activity.endsAt
  if (closes && now > new Date(closes)) return 'sign-up-over'
  if (volunteerPlacesLeft(activity) === 0) return 'full'
  return null
}

/** A place can be given back until the volunteer has checked in and while the activity is open. */
export function mayCancel(activity: ActivityView, volunteerId: string): boolean {
  return !activity.closed && signedUp(activity, volunteerId) && !activity.checkedIn?.[volunteerId]
}
