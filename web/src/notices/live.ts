/*
 * A person's inbox, live: notification-service's server-sent events (GET /api/v1/notices/live, ADR 0023), read by the
 * platform's stream reader (shared/eventStream.ts):
 *   event: ready   data: {"at": ISO}                 → the stream is open; fetch the inbox (and its count) again
 *   event: notice  id: <notice id>  data: NoticeView  → a new notice of the person (or of their unit)
 * No replay: whatever came while the stream was closed is found by the fetch after `ready`.
 */
import type { NoticeSchemas } from '../api/client'
import type { ProblemError } from '../api/problems'
import { openEventStream, type LiveState } from '../shared/eventStream'

export type NoticeView = NoticeSchemas['schemas']['NoticeView']

export interface InboxHandlers {
  ready(at: string): void
  notice(view: NoticeView): void
  state(state: LiveState, problem?: ProblemError): void
}

/** Opens the person's inbox stream in the district and keeps it open until close(). */
export function openInboxStream(options: { district: string; wait?: (ms: number) => Promise<void> }, handlers: InboxHandlers) {
  return openEventStream({ path: '/api/v1/notices/live', query: { district: options.district }, wait: options.wait }, {
    event(event) {
      if (event.event === 'ready') handlers.ready((JSON.parse(event.data) as { at: string }).at)
      else if (event.event === 'notice') handlers.notice(JSON.parse(event.data) as NoticeView)
    },
    state: (state, problem) => handlers.state(state, problem),
  })
}
