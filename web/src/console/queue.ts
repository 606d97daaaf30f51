/*
 * The staff member's work queue: the requests of their unit's subtree at one stage of the loop, a page at a time from
 * GET /api/v1/requests (newest first, as the service lists them), kept current by the live stream (live.ts).
 * The API filters by the stage's statuses, unit, overdue, escalated, platform, menu item, channel and period, and
 * pages; only the search words are applied here, to the rows loaded so far.
 */
import type { RequestView } from './live'
import { itemCode } from '../residents/useMenuItems'

export type Status = NonNullable<RequestView['status']>

/** The stages of the loop a queue tab shows; a stage of two statuses shows both, or the one chosen. */
export const STAGES = {
  review: { statuses: ['SUBMITTED'] as Status[] },
  waiting: { statuses: ['REVIEWED', 'DISPATCHED'] as Status[] },
  service: { statuses: ['ACCEPTED', 'IN_SERVICE'] as Status[] },
  overdue: { statuses: [] as Status[], overdue: true },
  escalated: { statuses: [] as Status[], escalated: true },
} as const
export type StageKey = keyof typeof STAGES
export const STAGE_KEYS = Object.keys(STAGES) as StageKey[]

export interface QueueFilters {
  stage: StageKey
  /** One of the stage's statuses; empty for all of them. */
  status: Status | ''
  /** A unit of the person's subtree; empty for the person's own unit. */
  unitId: string
  platform: string
  menuItem: string
  channel: string
  /** Submitted on or after / on or before these days (YYYY-MM-DD, the district's calendar). */
  from: string
  to: string
  search: string
}

export function emptyFilters(): QueueFilters {
  return { stage: 'review', status: '', unitId: '', platform: '', menuItem: '', channel: '', from: '', to: '', search: '' }
}

/** The statuses the queue shows now: the one chosen of the stage's, else all of them (none: any status). */
export function shownStatuses(filters: Pick<QueueFilters, 'stage' | 'status'>): Status[] {
  const statuses = STAGES[filters.stage].statuses
  return filters.status && statuses.includes(filters.status) ? [filters.status] : [...statuses]
}

const DISTRICT_OFFSET = '+08:00'
const DAY_MS = 86_400_000

/** The start of a day of the district's calendar (YYYY-MM-DD) as an instant. */
function dayStart(day: string): number {
  return Date.parse(day + 'T00:00:00' + DISTRICT_OFFSET)
}

/** The query of GET /api/v1/requests for these filters and one page. */
export function apiQuery(filters: QueueFilters, district: string, ownUnit: string | null, page: number, size: number) {
  const stage = STAGES[filters.stage]
  return {
    district, page, size,
    ...(filters.unitId || ownUnit ? { unitId: filters.unitId || ownUnit! } : {}),
    ...(shownStatuses(filters).length ? { status: shownStatuses(filters) } : {}),
    ...('overdue' in stage ? { overdue: true } : {}),
    ...('escalated' in stage ? { escalated: true } : {}),
    ...(filters.platform ? { platform: [filters.platform as NonNullable<RequestView['platform']>] } : {}),
    ...(filters.menuItem ? { menuItem: [filters.menuItem] } : {}),
    ...(filters.channel ? { channel: [filters.channel as NonNullable<RequestView['channel']>] } : {}),
    ...(filters.from ? { submittedFrom: new Date(dayStart(filters.from)).toISOString() } : {}),
    ...(filters.to ? { submittedTo: new Date(dayStart(filters.to) + DAY_MS).toISOString() } : {}),
  }
}

/**
 * Whether the API would list this request for these filters: the stage's statuses (or overdue, or escalated), a unit
 * of the chosen subtree (`units`: null while the subtree is not known, when the unit is not checked), the platform,
 * menu item, channel and period chosen.
 */
export function listed(view: RequestView, filters: QueueFilters, units: ReadonlySet<string> | null, now: number): boolean {
  const stage = STAGES[filters.stage]
  if ('overdue' in stage && !(view.clockDueAt && Date.parse(view.clockDueAt) < now)) return false
  if ('escalated' in stage && !((view.escalations ?? 0) > 0)) return false
  const statuses = shownStatuses(filters)
  if (statuses.length && !statuses.includes(view.status!)) return false
  if (filters.platform && view.platform !== filters.platform) return false
  if (filters.menuItem && itemCode(view.menuItemId) !== filters.menuItem) return false
  if (filters.channel && view.channel !== filters.channel) return false
  const submitted = view.submittedAt ? Date.parse(view.submittedAt) : NaN
  if (filters.from && !(submitted >= dayStart(filters.from))) return false
  if (filters.to && !(submitted < dayStart(filters.to) + DAY_MS)) return false
  return !units || units.has(view.unitId ?? '')
}

/** Whether a listed request has the search words, applied here to the rows loaded. */
export function shown(view: RequestView, filters: QueueFilters): boolean {
  const words = filters.search.trim().toLowerCase()
  if (words) {
    const text = [view.requestId, view.description, view.address, view.menuItemId, view.grid].join(' ').toLowerCase()
    if (!words.split(/\s+/).every((word) => text.includes(word))) return false
  }
  return true
}

export type Change = 'added' | 'updated' | 'removed' | 'ignored'

/**
 * The rows loaded so far, newest first, and the count the API reported. Each change makes a new array, so a page can
 * hold it in a shallowRef (thousands of rows are not made deeply reactive).
 */
export class QueueRows {
  rows: readonly RequestView[] = []
  total = 0
  /** The highest sequence seen per request, removed ones too, so a late stale event cannot bring a row back. */
  private readonly sequences = new Map<string, number>()

  /** The first page after (re)opening the stream or changing the filters. */
  replace(page: RequestView[], total: number): void {
    this.rows = []
    this.total = total
    this.append(page, total)
  }

  /** The next page; rows already held (moved by live events meanwhile) are not repeated. */
  append(page: RequestView[], total: number): void {
    const held = new Set(this.rows.map((row) => row.requestId))
    const fresh = page.filter((row) => !held.has(row.requestId) && !this.stale(row.requestId!, row.appliedSequence ?? 0))
    fresh.forEach((row) => this.seen(row.requestId!, row.appliedSequence ?? 0))
    this.rows = [...this.rows, ...fresh]
    this.total = total
  }

  /** A live event: the request as it is now at `sequence`; `belongs` says whether the queue lists it. */
  apply(view: RequestView, sequence: number, belongs: (view: RequestView) => boolean): Change {
    const id = view.requestId!
    const index = this.rows.findIndex((row) => row.requestId === id)
    const held = index >= 0 ? this.rows[index].appliedSequence ?? 0 : -1
    if (sequence < held || this.stale(id, sequence)) return 'ignored'
    this.seen(id, sequence)
    const current = { ...view, appliedSequence: Math.max(view.appliedSequence ?? 0, sequence) }
    if (!belongs(view)) {
      if (index < 0) return 'ignored'
      this.rows = this.rows.filter((_, i) => i !== index)
      this.total = Math.max(0, this.total - 1)
      return 'removed'
    }
    if (index >= 0) {
      this.rows = this.rows.map((row, i) => (i === index ? current : row))
      return 'updated'
    }
    const at = this.rows.findIndex((row) => (row.submittedAt ?? '') < (view.submittedAt ?? ''))
    this.rows = at < 0 ? [...this.rows, current] : [...this.rows.slice(0, at), current, ...this.rows.slice(at)]
    this.total += 1
    return 'added'
  }

  /** The request left the queue's subtree (escalated above it) at `sequence`: its row goes, if it is not newer. */
  leave(requestId: string, sequence: number): Change {
    if (this.stale(requestId, sequence)) return 'ignored'
    this.seen(requestId, sequence)
    const index = this.rows.findIndex((row) => row.requestId === requestId)
    if (index < 0 || sequence < (this.rows[index].appliedSequence ?? 0)) return 'ignored'
    this.rows = this.rows.filter((_, i) => i !== index)
    this.total = Math.max(0, this.total - 1)
    return 'removed'
  }

  private stale(requestId: string, sequence: number): boolean {
    return sequence < (this.sequences.get(requestId) ?? -1)
  }

  private seen(requestId: string, sequence: number): void {
    this.sequences.set(requestId, Math.max(sequence, this.sequences.get(requestId) ?? -1))
  }
}
