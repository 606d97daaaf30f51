/*
 * The unit's own figures (reporting-service, GET /api/v1/reports/figures): the periods a staff member picks from
 * (months, ISO weeks from Monday, years — days of the district's zone, Asia/Shanghai, as the reports count them), the
 * previous period to compare with, the few key figures of the API's figure row in plain words, and the address of the
 * same view in the analysts' dashboard (which keeps its state in its query: district, unit, from, to, granularity,
 * view, lang — reporting-service's static/dashboard/dashboard.js).
 */

export type Granularity = 'month' | 'week' | 'year'
export const GRANULARITIES: Granularity[] = ['month', 'week', 'year']

/** The tree the figures are counted along: today's, as the dashboard shows by default and as staff know their units. */
export const VIEW = 'now'

export interface Period {
  granularity: Granularity
  /** First day, yyyy-MM-dd. */
  from: string
  /** Last day asked for: the period's end, or today while it runs. */
  to: string
  /** The period's last day. */
  end: string
  /** It runs today. */
  current: boolean
}

const day = (text: string) => new Date(text + 'T00:00:00Z')
const text = (date: Date) => date.toISOString().slice(0, 10)
const plusDays = (value: string, days: number) => text(new Date(day(value).getTime() + days * 86_400_000))
const daysBetween = (from: string, to: string) => Math.round((day(to).getTime() - day(from).getTime()) / 86_400_000)

export function startOf(value: string, granularity: Granularity): string {
  const date = day(value)
  switch (granularity) {
    case 'month': return value.slice(0, 8) + '01'
    case 'year': return value.slice(0, 5) + '01-01'
    case 'week': return plusDays(value, -((date.getUTCDay() + 6) % 7))
  }
}

function shift(start: string, granularity: Granularity, by: number): string {
  const date = day(start)
  switch (granularity) {
    case 'month': return text(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + by, 1)))
    case 'year': return text(new Date(Date.UTC(date.getUTCFullYear() + by, 0, 1)))
    case 'week': return plusDays(start, 7 * by)
  }
}

function periodAt(start: string, granularity: Granularity, today: string): Period {
  const end = plusDays(shift(start, granularity, 1), -1)
  const current = start <= today && today <= end
  return { granularity, from: start, to: current ? today : end, end, current }
}

/** The periods to choose from: the one running today first, then the `count − 1` before it. */
export function periods(granularity: Granularity, today: string, count: number): Period[] {
  const first = startOf(today, granularity)
  return Array.from({ length: count }, (_, i) => periodAt(shift(first, granularity, -i), granularity, today))
}

/**
 * The previous period, to compare with: whole when the chosen one is over; while it runs, the same days of the one
 * before (1–14 March against 1–14 February), so a month so far is not set against a whole month.
 */
export function previousOf(period: Period): { from: string; to: string; partial: boolean } {
  const from = shift(period.from, period.granularity, -1)
  const end = plusDays(period.from, -1)
  if (period.to === period.end) return { from, to: end, partial: false }
  const to = plusDays(from, daysBetween(period.from, period.to))
  return { from, to: to < end ? to : end, partial: true }
}

// -------------------------------------------------------------------------------------------------- the figures

/** The part of reporting-service's FigureRow this page shows (the API's own names). */
export interface FigureRow {
  period?: string
  from?: string
  to?: string
  unitId?: string
  volunteers?: { registered?: number; active?: number; teams?: number }
  requests?: { submitted?: number; byStatus?: Record<string, number> }
  total?: { count?: number; p50Minutes?: number | null; p90Minutes?: number | null }
  slaCompliance?: number
  escalations?: number
  escalatedRequests?: number
  /** Check-ins and check-outs flagged as too far from the request, for the station's review. */
  locationFlags?: number
  completionRate?: number
  satisfaction?: { rated?: number; averageRating?: number | null }
  hours?: { credit?: number; honour?: number }
  activities?: { published?: number; held?: number; volunteersAttended?: number; residentsAttended?: number }
}

/** The answer of /reports/figures: a page of rows, one per period. */
export interface FiguresAnswer { items?: FigureRow[]; total?: number }

export type Kind = 'count' | 'rate' | 'minutes' | 'rating' | 'hours'
export interface Figure {
  key: 'submitted' | 'completed' | 'open' | 'completionRate' | 'slaCompliance' | 'escalated' | 'locationFlags' | 'totalTime'
    | 'rating' | 'volunteers' | 'hours' | 'activities' | 'attendance'
  kind: Kind
  /** null: not measurable in the period (nothing to measure), which is not zero. */
  value: number | null
}

/** Requests still being handled (reporting-service's ReportEngine.OPEN_STATUSES). */
export const OPEN_STATUSES = ['SUBMITTED', 'REVIEWED', 'DISPATCHED', 'ACCEPTED', 'IN_SERVICE', 'REOPENED']

/**
 * The key figures of a row. Rates the API answers as 0 when nothing was measured (completion rate without requests,
 * SLA compliance without completed ones) are "not measurable" here, as the README says of empty CSV fields.
 */
export function keyFigures(row: FigureRow): Figure[] {
  const submitted = row.requests?.submitted ?? 0
  const status = row.requests?.byStatus ?? {}
  const completedCount = row.total?.count ?? 0
  return [
    { key: 'submitted', kind: 'count', value: submitted },
    { key: 'completed', kind: 'count', value: status.COMPLETED ?? 0 },
    { key: 'open', kind: 'count', value: OPEN_STATUSES.reduce((sum, one) => sum + (status[one] ?? 0), 0) },
    { key: 'completionRate', kind: 'rate', value: submitted ? row.completionRate ?? 0 : null },
    { key: 'slaCompliance', kind: 'rate', value: completedCount ? row.slaCompliance ?? 0 : null },
    { key: 'escalated', kind: 'count', value: row.escalatedRequests ?? 0 },
    { key: 'locationFlags', kind: 'count', value: row.locationFlags ?? 0 },
    { key: 'totalTime', kind: 'minutes', value: row.total?.p50Minutes ?? null },
    { key: 'rating', kind: 'rating', value: row.satisfaction?.averageRating ?? null },
    { key: 'volunteers', kind: 'count', value: row.volunteers?.active ?? 0 },
    { key: 'hours', kind: 'hours', value: (row.hours?.credit ?? 0) + (row.hours?.honour ?? 0) },
    { key: 'activities', kind: 'count', value: row.activities?.held ?? 0 },
    { key: 'attendance', kind: 'count', value: (row.activities?.volunteersAttended ?? 0) + (row.activities?.residentsAttended ?? 0) },
  ]
}

export type Translate = (key: string, values?: Record<string, unknown>) => string

function number(value: number, locale: string, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)
}

/** A figure in words: "12", "87.5%", "2 小时 5 分钟", "4.6 分", "30.5 小时"; "—" when not measurable. */
export function valueText(figure: Pick<Figure, 'kind' | 'value'>, t: Translate, locale: string): string {
  const value = figure.value
  if (value === null || !Number.isFinite(value)) return '—'
  switch (figure.kind) {
    case 'count': return number(value, locale)
    case 'rate': return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(value)
    case 'rating': return t('console.figures.units.rating', { n: number(value, locale, 1) })
    case 'hours': return t('console.figures.units.hours', { n: number(value, locale, 1) })
    case 'minutes': {
      const minutes = Math.round(value)
      const days = Math.floor(minutes / 1440)
      const hours = Math.floor((minutes % 1440) / 60)
      const rest = minutes % 60
      const parts: string[] = []
      if (days) parts.push(t('console.figures.units.days', { n: days }))
      if (hours) parts.push(t('console.figures.units.hoursOf', { n: hours }))
      if ((rest || !parts.length) && !days) parts.push(t('console.figures.units.minutes', { n: rest }))
      return parts.join(' ')
    }
  }
}

/** How the figure moved since the previous period: "+3", "−2", "持平", "+5 个百分点"; null where it says nothing. */
export function changeText(current: Figure, previous: Figure | undefined, t: Translate, locale: string): string | null {
  if (!previous || current.value === null || previous.value === null || current.kind === 'minutes') return null
  const delta = current.value - previous.value
  const scale = current.kind === 'rate' ? 100 : 1
  const digits = current.kind === 'count' ? 0 : 1
  const rounded = Math.round(Math.abs(delta) * scale * 10 ** digits) / 10 ** digits
  if (rounded === 0) return t('console.figures.change.same')
  const sign = delta > 0 ? '+' : '−'
  const amount = number(rounded, locale, digits)
  switch (current.kind) {
    case 'rate': return t('console.figures.change.points', { sign, n: amount })
    case 'hours': return t('console.figures.change.hours', { sign, n: amount })
    default: return sign + amount
  }
}

/** A period as people name it: "2026年3月", "3月2日–3月8日" (the year only when not `thisYear`), "2026年". */
export function periodName(period: Pick<Period, 'granularity' | 'from' | 'end'>, locale: string, thisYear?: string): string {
  const format = (value: string, options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(locale, { timeZone: 'UTC', ...options }).format(day(value))
  switch (period.granularity) {
    case 'month': return format(period.from, { year: 'numeric', month: 'long' })
    case 'year': return format(period.from, { year: 'numeric' })
    case 'week': return rangeName(period.from, period.end, locale, thisYear)
  }
}

/** "3月1日–3月14日": with the year unless the range lies in `thisYear`. */
export function rangeName(from: string, to: string, locale: string, thisYear?: string): string {
  const withYear = thisYear === undefined || from.slice(0, 4) !== thisYear || to.slice(0, 4) !== thisYear
  const format = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}) })
  return from === to ? format.format(day(from)) : format.format(day(from)) + '–' + format.format(day(to))
}

// ------------------------------------------------------------------------------------------------ the dashboard

/**
 * The dashboard's address showing the same unit and days: it reads district, unit, from, to, granularity, view and
 * lang from its query (its other settings, such as the big-screen mode, are left to it).
 */
export function dashboardLink(district: string, unit: string | null, period: Pick<Period, 'from' | 'to' | 'granularity'>, locale: string): string {
  const query = new URLSearchParams({ district })
  if (unit) query.set('unit', unit)
  query.set('from', period.from)
  query.set('to', period.to)
  query.set('granularity', period.granularity)
  query.set('view', VIEW)
  if (locale.startsWith('en')) query.set('lang', 'en')
  return '/dashboard/?' + query.toString()
}
