/*
 * The inbox page's data: the first page on opening and whenever the live stream says it is (re)open, more pages on
 * request, each new notice from the stream put in its place at once; marking read (one, on opening it, or all).
 * Notices that come while a page is being fetched wait for it, so the page cannot hide them.
 */
import { computed, onMounted, onUnmounted, ref, shallowRef, watch } from 'vue'
import { noticeApi } from '../api/client'
import type { Person } from '../shared/person'
import { useProblems } from '../shared/useProblems'
import type { NoticeView } from './live'
import { mergeNotices } from './inbox'
import { useInboxFeed } from './useInboxFeed'

/** Notices per page: a phone's screen or two. */
export const PAGE_SIZE = 20

export function useInbox(person: Person, options: { wait?: (ms: number) => Promise<void> } = {}) {
  const district = person.district
  const feed = useInboxFeed(district, options)
  const items = shallowRef<NoticeView[]>([])
  const total = ref(0)
  const onlyUnread = ref(false)
  const loading = ref(false)
  const busy = ref<string | null>(null)
  const problems = useProblems()
  let pages = 0
  let generation = 0
  /** Notices that came on the stream while the first page was being fetched, put in after it. */
  let held: NoticeView[] | null = null

  async function fetchPage(page: number) {
    const { data } = await noticeApi.GET('/api/v1/notices', { params: { query: {
      district, page, size: PAGE_SIZE, ...(onlyUnread.value ? { unread: true } : {}) } } })
    return { items: data?.items ?? [], total: data?.total ?? 0 }
  }

  /** The first page again: on opening, after every `ready`, when the filter changes, after "mark all read". */
  async function refetch() {
    const mine = ++generation
    held = held ?? []
    loading.value = true
    try {
      const page = await fetchPage(0)
      if (mine !== generation) return
      items.value = mergeNotices([], page.items)
      total.value = page.total
      pages = 1
      problems.clear()
    } catch (error) {
      if (mine === generation) problems.show(error)
    } finally {
      if (mine === generation) {
        loading.value = false
        const came = held ?? []
        held = null
        came.forEach(arrived)
      }
    }
  }

  async function loadMore() {
    if (loading.value || pages === 0 || items.value.length >= total.value) return
    const mine = generation
    loading.value = true
    try {
      const page = await fetchPage(pages)
      if (mine !== generation) return
      // Notices that came since the first page push older ones a page further: the overlap is merged away.
      items.value = mergeNotices(items.value, page.items)
      total.value = Math.max(page.total, items.value.length)
      pages += 1
    } catch (error) {
      problems.show(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  /** A notice from the stream: new ones go on top (the filter shows unread ones, which new ones are). */
  function arrived(view: NoticeView) {
    if (held) {
      held.push(view)
      return
    }
    if (!view.id || items.value.some((shown) => shown.id === view.id)) return
    if (onlyUnread.value && view.readAt) return
    items.value = mergeNotices(items.value, [view])
    total.value += 1
  }

  function replace(view: NoticeView) {
    items.value = items.value.map((shown) => (shown.id === view.id ? view : shown))
  }

  /** Marks one notice read (answers whether it worked); the bell's count follows. */
  async function markRead(notice: NoticeView): Promise<boolean> {
    if (notice.readAt || !notice.id) return true
    busy.value = notice.id
    try {
      const { data } = await noticeApi.POST('/api/v1/notices/{noticeId}/read', { params: { path: { noticeId: notice.id }, query: { district } } })
      replace(data ?? { ...notice, readAt: new Date().toISOString() })
      feed.readOne()
      return true
    } catch (error) {
      problems.show(error)
      return false
    } finally {
      busy.value = null
    }
  }

  async function markAllRead() {
    busy.value = 'all'
    try {
      await noticeApi.POST('/api/v1/notices/read-all', { params: { query: { district } } })
      feed.refreshCount()
      await refetch()
      return true
    } catch (error) {
      problems.show(error)
      return false
    } finally {
      busy.value = null
    }
  }

  const unread = computed(() => feed.unread.value ?? items.value.filter((view) => !view.readAt).length)

  watch(onlyUnread, () => { refetch() })
  const stopNotices = feed.onNotice(arrived)
  const stopReady = feed.onReady(() => { refetch() })
  onMounted(refetch)
  onUnmounted(() => {
    stopNotices()
    stopReady()
  })

  return { items, total, unread, onlyUnread, loading, busy, problems, live: feed.live, refetch, loadMore, markRead, markAllRead }
}
