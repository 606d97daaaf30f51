/* Practice activities (request-service) as the console shows and publishes them. */
import type { RequestSchemas } from '../api/client'

export type ActivityView = RequestSchemas['schemas']['ActivityView']
export type Publish = RequestSchemas['schemas']['Publish']

/**
 * A `datetime-local` value ("2026-03-08T09:00"), meant in the district's time (Asia/Shanghai, no daylight saving), as
 * an instant with its offset: the API refuses times without a zone.
 */
export function districtInstant(local: string): string | undefined {
  return local ? `${local.length === 16 ? local + ':00' : local}+08:00` : undefined
}

/** Signed-up participants per role: the view keeps a map of participant id → role. */
export function signUps(activity: ActivityView, role: 'VOLUNTEER' | 'RESIDENT'): number {
  return Object.values(activity.participants ?? {}).filter((taken) => taken === role).length
}
