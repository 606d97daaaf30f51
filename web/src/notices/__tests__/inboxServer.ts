/*
 * notification-service's inbox as the pages see it through the gateway, for the notices' component tests: the list
 * (newest first, paged, "unread only"), the count, marking read, and live streams the test writes to.
 */
import { answerCalls, type Answer, type Call } from '../../testing/mountPage'
import { eventStream } from '../../testing/eventStream'
import type { NoticeView } from '../live'

export const DISTRICT = 'cq-jiulongpo'

export function notice(id: string, fields: Partial<NoticeView> = {}): NoticeView {
  return { id, kind: 'order-offered', urgent: false, title: '有新的服务订单 ' + id, body: '「陪伴聊天」订单派给了您，请尽快确认。',
    link: '/app/#/volunteer/offers', at: '2026-03-07T09:00:00Z', createdAt: '2026-03-07T09:00:00Z', fields: {}, ...fields }
}

/** The text of one `notice` event, as the stream sends a new notice. */
export function noticeEvent(view: NoticeView): string {
  return `event: notice\nid: ${view.id}\ndata: ${JSON.stringify(view)}\n\n`
}

export function inboxServer(notices: NoticeView[], more: Record<string, Answer | ((call: Call) => Answer)> = {}) {
  // Copies: marking read changes the server's notices, never the test's fixtures.
  const inbox = notices.map((view) => ({ ...view }))
  const streams: ReturnType<typeof eventStream>[] = []
  const newest = () => [...inbox].sort((a, b) => Date.parse(b.createdAt!) - Date.parse(a.createdAt!))
  const unread = () => inbox.filter((view) => !view.readAt).length
  const answers: Record<string, Answer | ((call: Call) => Answer)> = {
    'GET /api/v1/notices': (call) => {
      const page = Number(call.url.searchParams.get('page') ?? 0)
      const size = Number(call.url.searchParams.get('size') ?? 20)
      const listed = newest().filter((view) => call.url.searchParams.get('unread') !== 'true' || !view.readAt)
      return { body: { items: listed.slice(page * size, (page + 1) * size), page, size, total: listed.length, unread: unread() } }
    },
    'GET /api/v1/notices/unread-count': () => ({ body: { unread: unread() } }),
    'POST /api/v1/notices/read-all': () => {
      const marked = unread()
      inbox.forEach((view) => { view.readAt = view.readAt ?? '2026-03-07T09:30:00Z' })
      return { body: { marked } }
    },
    'GET /api/v1/notices/live': () => {
      const stream = eventStream()
      streams.push(stream)
      return { body: stream.body }
    },
    ...more,
  }
  /** POST …/read of one notice of the inbox. */
  const readable = (view: NoticeView) => {
    answers[`POST /api/v1/notices/${view.id}/read`] = () => {
      view.readAt = view.readAt ?? '2026-03-07T09:30:00Z'
      return { body: view }
    }
  }
  inbox.forEach(readable)
  const calls = answerCalls(answers)
  return {
    inbox, streams, calls, answers,
    /** A notice raised on the server (in the list and the count from now on); send its event with noticeEvent. */
    raise(view: NoticeView) {
      inbox.push(view)
      readable(view)
    },
    gets: (path: string) => calls.filter((call) => call.method === 'GET' && call.url.pathname === path),
  }
}
