/*
 * What a resident may do with their order, by its state — the rules of request-service's ServiceRequest, so the
 * page offers only what the service will accept: cancel while it is not yet served, rate once it is completed,
 * reopen a completed order, or a rated one rated low (1–2) or "not solved", within the item's reopen window.
 */
import type { RequestSchemas } from '../api/client'

export type RequestView = RequestSchemas['schemas']['RequestView']
export type Status = NonNullable<RequestView['status']>

const CANCELLABLE: Status[] = ['SUBMITTED', 'REVIEWED', 'DISPATCHED', 'ACCEPTED', 'IN_SERVICE']

export function canCancel(view: RequestView): boolean {
  return CANCELLABLE.includes(view.status!)
}

export function canRate(view: RequestView): boolean {
  return view.status === 'COMPLETED'
}

/** ISO-8601 durations of whole hours, days or minutes (PT168H, P7D, PT30M) in milliseconds; null otherwise. */
export function durationMs(iso: string | null | undefined): number | null {
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso ?? '')
  if (!match || iso === 'P' || iso === 'PT') return null
  const [, days, hours, minutes] = match.map((part) => Number(part ?? 0))
  return ((days * 24 + hours) * 60 + minutes) * 60_000
}

export function canReopen(view: RequestView, reopenWindow: string | null | undefined, now = Date.now()): boolean {
  if (view.status !== 'COMPLETED' && view.status !== 'RATED') return false
  if (view.status === 'RATED' && (view.rating ?? 0) > 2 && view.solved) return false
  const window = durationMs(reopenWindow)
  if (window === null || !view.completedAt) return false
  return now <= Date.parse(view.completedAt) + window
}

/** The stages a resident follows, in order; the history's events mapped onto them. */
export const STAGES = ['submitted', 'reviewed', 'dispatched', 'accepted', 'checked-in', 'checked-out', 'completed', 'rated'] as const

/** The timeline: the history's entries a resident understands, oldest first, with the names of staff left out. */
export function timeline(view: RequestView): { at: string; event: string; detail: string | null }[] {
  const shown = new Set<string>([...STAGES, 'rejected', 'cancelled', 'reopened', 'escalated', 'expired', 'declined'])
  return (view.history ?? [])
    .filter((entry) => shown.has(entry.event ?? ''))
    .map((entry) => ({ at: entry.at ?? '', event: entry.event!, detail: residentDetail(entry.event!, entry.detail) }))
    .sort((a, b) => a.at.localeCompare(b.at))
}

/** Reasons a resident may read (a rejection's, a cancellation's, a reopening's); unit ids and volunteer notes are not for them. */
function residentDetail(event: string, detail: string | null | undefined): string | null {
  return ['rejected', 'cancelled', 'reopened'].includes(event) && detail ? detail : null
}
