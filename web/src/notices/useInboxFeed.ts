/*
 * The person's inbox as the bell and the inbox page share it: one live stream per tab however many of them show it
 * (the first to use it opens it, the last to leave closes it), the unread count, and each new notice handed to whoever
 * listens. The count is always the server's — asked when the feed starts, whenever the stream (re)opens and whenever
 * it brings a notice — so a notice that reached the page twice (just before `ready` and in the fetch after it) is never
 * counted twice, and a notice a colleague read for the whole unit is no longer counted after the next ask.
 */
import { onUnmounted, ref, type Ref } from 'vue'
import { noticeApi } from '../api/client'
import type { LiveState } from '../shared/eventStream'
import { openInboxStream, type NoticeView } from './live'

export interface InboxFeed {
  readonly district: string
  /** Unread notices; null until the server said. */
  readonly unread: Ref<number | null>
  readonly live: Ref<LiveState>
  /** The notice that came last on the stream (the bell announces it). */
  readonly latest: Ref<NoticeView | null>
  onNotice(listener: (view: NoticeView) => void): () => void
  onReady(listener: () => void): () => void
  /** Asks the server for the count again (one ask at a time; an answer overtaken by a later ask is not shown). */
  refreshCount(): Promise<void>
  /** The page read one unread notice: one fewer at once, the server's count after. */
  readOne(): void
}

interface SharedFeed extends InboxFeed {
  users: number
  start(): void
  stop(): void
}

/** Waits before reopening; tests pass one (see useInboxFeed's options). */
type Wait = (ms: number) => Promise<void>

function makeFeed(district: string, wait?: Wait): SharedFeed {
  const unread = ref<number | null>(null)
  const live = ref<LiveState>('connecting')
  const latest = ref<NoticeView | null>(null)
  const noticeListeners = new Set<(view: NoticeView) => void>()
  const readyListeners = new Set<() => void>()
  let stream: { close(): void } | null = null
  let counting: Promise<void> | null = null
  let askAgain = false

  async function ask(): Promise<void> {
    do {
      askAgain = false
      try {
        const { data } = await noticeApi.GET('/api/v1/notices/unread-count', { params: { query: { district } } })
        if (!askAgain && data?.unread !== undefined) unread.value = data.unread
      } catch {
        // Without a count the bell shows none; the next ask (a ready, a notice) tries again.
      }
    } while (askAgain)
  }

  const feed: SharedFeed = {
    district, unread, live, latest, users: 0,
    onNotice(listener) {
      noticeListeners.add(listener)
      return () => noticeListeners.delete(listener)
    },
    onReady(listener) {
      readyListeners.add(listener)
      return () => readyListeners.delete(listener)
    },
    refreshCount() {
      if (counting) {
        askAgain = true
        return counting
      }
      counting = ask().finally(() => { counting = null })
      return counting
    },
    readOne() {
      if (unread.value) unread.value -= 1
      feed.refreshCount()
    },
    start() {
      feed.refreshCount()
      stream = openInboxStream({ district, wait }, {
        ready: () => {
          feed.refreshCount()
          readyListeners.forEach((listener) => listener())
        },
        notice: (view) => {
          latest.value = view
          feed.refreshCount()
          noticeListeners.forEach((listener) => listener(view))
        },
        state: (state) => { live.value = state },
      })
    },
    stop() {
      stream?.close()
      stream = null
    },
  }
  return feed
}

let shared: SharedFeed | null = null

/**
 * The tab's inbox feed for a component's lifetime (call it in setup): opened by the first component that uses it,
 * closed when the last one unmounts.
 */
export function useInboxFeed(district: string, options: { wait?: Wait } = {}): InboxFeed {
  if (shared && shared.district !== district) {
    shared.stop()
    shared = null
  }
  if (!shared) shared = makeFeed(district, options.wait)
  const feed = shared
  feed.users += 1
  if (feed.users === 1) feed.start()
  onUnmounted(() => {
    feed.users -= 1
    if (feed.users === 0) {
      feed.stop()
      if (shared === feed) shared = null
    }
  })
  return feed
}
