/* Times as people read them: in the district's zone (Asia/Shanghai), in the page's language. */
export const ZONE = 'Asia/Shanghai'

export function dateTime(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(iso))
}

export function day(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' })
    .format(new Date(iso))
}

/** Today in the district's zone as yyyy-mm-dd (the day the API's dates and periods count in). */
export function districtToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

/** Whether `text` is a calendar date the API takes (YYYY-MM-DD, a day that exists). */
export function isDay(text: string | null | undefined): text is string {
  if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(text + 'T00:00:00Z')
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text)
}

/** A calendar date of the API (2026-03-07) as people read it, with no zone shifting it; anything else as it is. */
export function calendarDay(date: string | null | undefined, locale: string): string {
  if (!isDay(date)) return date ?? ''
  return new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' })
    .format(new Date(date + 'T00:00:00Z'))
}

/** A random key for Idempotency-Key, so a retried submission is one order. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
}
