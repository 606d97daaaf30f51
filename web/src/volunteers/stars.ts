/*
 * Star levels (1-5) from cumulative hours (credit + honour) and the district's thresholds in force; the progress
 * bar runs from the threshold already passed to the next one.
 */
import type { VolunteerSchemas } from '../api/client'

export type LedgerView = VolunteerSchemas['schemas']['LedgerView']

export interface StarProgress {
  stars: number
  totalHours: number
  /** Hours of the threshold already passed (0 before the first star). */
  fromHours: number
  /** Hours of the next star; null at the top of the ladder. */
  nextHours: number | null
  /** 0..1 of the way from `fromHours` to `nextHours` (1 at the top). */
  fraction: number
  /** The star the next threshold gives (its place on the ladder). */
  nextStar: number | null
  /** Past the last threshold of the ladder. */
  top: boolean
  /** Hours still to serve for the next star (0 at the top). */
  remainingHours: number
}

export function starProgress(ledger: LedgerView): StarProgress {
  const totalHours = ledger.totalHours ?? 0
  const thresholds = [...(ledger.thresholds ?? [])].sort((a, b) => a - b)
  // The service answers the next threshold; thresholds changed since are applied from the next change of hours.
  const nextHours = ledger.nextStarAtHours ?? thresholds.find((hours) => hours > totalHours) ?? null
  const passed = thresholds.filter((hours) => hours <= totalHours && (nextHours === null || hours < nextHours))
  const fromHours = passed.length ? passed[passed.length - 1] : 0
  if (nextHours === null) {
    // No threshold ahead: the top of the ladder, or no ladder known at all (then no bar to fill).
    const top = thresholds.length > 0
    return { stars: ledger.stars ?? 0, totalHours, fromHours, nextHours, fraction: top ? 1 : 0, remainingHours: 0, top,
      nextStar: null }
  }
  const span = nextHours - fromHours
  const fraction = span > 0 ? Math.min(1, Math.max(0, (totalHours - fromHours) / span)) : 0
  return {
    stars: ledger.stars ?? 0, totalHours, fromHours, nextHours, fraction, top: false,
    nextStar: thresholds.includes(nextHours) ? thresholds.indexOf(nextHours) + 1 : (ledger.stars ?? 0) + 1,
    remainingHours: Math.max(0, round(nextHours - totalHours)),
  }
}

/** Half-hour steps: 12.5, never 12.499999. */
function round(hours: number): number {
  return Math.round(hours * 2) / 2
}

/** The district's ladder from GET /volunteers/star-levels (typed loosely in the snapshot): five hour counts or none. */
export function ladder(answer: Record<string, unknown> | undefined): number[] {
  const thresholds = answer?.thresholds
  return Array.isArray(thresholds) && thresholds.every((hours) => typeof hours === 'number') ? thresholds as number[] : []
}

type Schemas = VolunteerSchemas['schemas']

/**
 * GET /volunteers/{id}/service-record as JSON (the snapshot types it as an empty object; this is the service's
 * HourViews.ServiceRecord).
 */
export interface ServiceRecord {
  volunteerId?: string
  period?: string
  stars?: number
  totals?: Schemas['Totals']
  byPeriod?: Schemas['Bucket'][]
  byPlatform?: Schemas['Bucket'][]
  bySource?: Schemas['Bucket'][]
  served?: Schemas['EntryView'][]
  honour?: Schemas['EntryView'][]
}
