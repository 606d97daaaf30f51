/*
 * "This week" as the district reads its calendar: Monday 00:00 to the next Monday 00:00 in the district's zone
 * (Asia/Shanghai), whatever zone the set-top box is set to. An activity belongs to the week when any part of it
 * falls inside.
 */
import { ZONE } from '../shared/format'
import type { RequestSchemas } from '../api/client'

export type Activity = RequestSchemas['schemas']['ActivityView']

const DAY_MS = 86_400_000

/** The zone's offset from UTC at `instant`, in milliseconds (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(instant: Date, zone = ZONE): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(instant)
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'))
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000
}

export interface Week {
  from: Date
  to: Date
}

/** The week (Monday to Monday, in the zone) that `now` falls in. */
export function weekOf(now: Date, zone = ZONE): Week {
  const offset = zoneOffsetMs(now, zone)
  const local = new Date(now.getTime() + offset)
  const sinceMonday = (local.getUTCDay() + 6) % 7
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - sinceMonday)
  const from = new Date(mondayLocal - zoneOffsetMs(new Date(mondayLocal - offset), zone))
  const nextLocal = mondayLocal + 7 * DAY_MS
  const to = new Date(nextLocal - zoneOffsetMs(new Date(nextLocal - offset), zone))
  return { from, to }
}

/** The week's activities that are still open to people (not closed), earliest first. */
export function activitiesOfWeek(activities: Activity[], week: Week): Activity[] {
  return activities
    .filter((activity) => {
      if (!activity.startsAt || activity.closed) return false
      const starts = Date.parse(activity.startsAt)
      const ends = activity.endsAt ? Date.parse(activity.endsAt) : starts
      return starts < week.to.getTime() && ends >= week.from.getTime()
    })
    .sort((a, b) => Date.parse(a.startsAt!) - Date.parse(b.startsAt!))
}

/** Places left for residents, or null when the activity has no limit. */
export function placesLeft(activity: Activity): number | null {
  if (activity.residentCapacity === undefined || activity.residentCapacity === null) return null
  const taken = Object.values(activity.participants ?? {}).filter((role) => role === 'RESIDENT').length
  return Math.max(0, activity.residentCapacity - taken)
}
