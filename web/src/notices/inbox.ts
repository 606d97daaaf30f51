/*
 * The inbox's rules, apart from the pages: the order notices are shown in, and where a notice's link leads. Links are
 * paths on the gateway (notification-service writes them): /app/#/… for the people's app, /app/console.html#/… for
 * the staff console. A link into the app the person is in opens its page there; a link into the other app is a real
 * navigation (that app logs in by itself); anything that is not a path of this origin is not followed.
 */
import type { NoticeView } from './live'

export type InboxApp = 'people' | 'console'

/** Where each app's pages start, as links name them. */
const HOMES: Record<InboxApp, string[]> = {
  people: ['/app/#', '/app/index.html#'],
  console: ['/app/console.html#'],
}

/** A route of this app, an address of this origin to go to, or nowhere. */
export type Destination = { route: string } | { href: string } | null

export function destination(link: string | null | undefined, app: InboxApp): Destination {
  // A path of this origin only: not "//host" or "/\host" (both leave it), no scheme, no control characters.
  if (!link || !/^\/(?![/\\])/.test(link) || /[\u0000-\u001f\s]/.test(link)) return null
  for (const home of HOMES[app]) {
    if (link.startsWith(home)) return { route: link.slice(home.length) || '/' }
  }
  return { href: link }
}

function time(view: NoticeView): number {
  const at = Date.parse(view.createdAt ?? '')
  return Number.isNaN(at) ? 0 : at
}

/**
 * The notices shown with those that came (a page fetched, a notice on the stream) merged in: one row per notice (the
 * one that came replaces the one shown), newest first by when the notice was raised.
 */
export function mergeNotices(shown: readonly NoticeView[], came: readonly NoticeView[]): NoticeView[] {
  const byId = new Map<string, NoticeView>()
  for (const view of shown) if (view.id) byId.set(view.id, view)
  for (const view of came) if (view.id) byId.set(view.id, view)
  return [...byId.values()].sort((a, b) => time(b) - time(a))
}
