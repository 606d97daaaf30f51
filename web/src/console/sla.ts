/*
 * The SLA clock of a request's current stage (review, dispatch, accept, complete): request-service keeps its deadline
 * in the view (clockStage, clockDueAt) and escalates when it passes. The queue shows the time left, counting down
 * from the page's own clock without refetching; below zero the request is overdue.
 */
import type { RequestView } from './live'

export interface TimeLeft {
  /** Milliseconds to the deadline; negative once it has passed. */
  ms: number
  overdue: boolean
  /** "2:05:09", "1 d 03:00:00", "-0:12:30" (overdue). */
  text: string
}

/** The time left on the running clock at `now`; null when no clock runs (a closed or waiting-for-nobody request). */
export function timeLeft(view: Pick<RequestView, 'clockDueAt'>, now: number): TimeLeft | null {
  if (!view.clockDueAt) return null
  const due = Date.parse(view.clockDueAt)
  if (Number.isNaN(due)) return null
  const ms = due - now
  return { ms, overdue: ms < 0, text: clockText(ms) }
}

export function clockText(ms: number): string {
  const sign = ms < 0 ? '-' : ''
  // Whole seconds towards zero's far side: 1.5 s overdue reads -0:00:02, 1.5 s left reads 0:00:01.
  const total = ms < 0 ? Math.ceil(-ms / 1000) : Math.floor(ms / 1000)
  const days = Math.floor(total / 86_400)
  const hours = Math.floor((total % 86_400) / 3600)
  const minutes = Math.floor((total % 3600) / 60)
  const seconds = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return days > 0
    ? `${sign}${days} d ${two(hours)}:${two(minutes)}:${two(seconds)}`
    : `${sign}${hours}:${two(minutes)}:${two(seconds)}`
}
