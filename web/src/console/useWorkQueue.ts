/*
 * The queue's data: the first page on opening and whenever the live stream says it is (re)open ("ready"), further
 * pages as the person scrolls, and each live event applied to the rows (added, updated or removed by the filters;
 * stale ones ignored). Events that come while a page is being fetched wait for it, so the page cannot undo them.
 */
import { computed, ref, shallowRef, watch, type Ref } from 'vue'
import { requestApi } from '../api/client'
import { ProblemError } from '../api/problems'
import type { Person } from '../shared/person'
import { useProblems } from '../shared/useProblems'
import { openLive, type RequestView } from './live'
import type { LiveState } from '../shared/eventStream'
import { apiQuery, listed, QueueRows, type Change, type QueueFilters } from './queue'
import { unitsUnder, type SubtreeUnit } from './staff'

/** Rows per API page: a few screens' worth; more come as the person scrolls. */
export const PAGE_SIZE = 100

export function useWorkQueue(person: Person, filters: Ref<QueueFilters>, units: Ref<SubtreeUnit[]>,
                             options: { wait?: (ms: number) => Promise<void> } = {}) {
  const queue = new QueueRows()
  const rows = shallowRef<readonly RequestView[]>([])
  const total = ref(0)
  const loading = ref(false)
  const live = ref<LiveState>('connecting')
  const liveProblem = ref<ProblemError | null>(null)
  const lastChange = ref<{ requestId: string; change: Change } | null>(null)
  const problems = useProblems()
  let pages = 0
  let generation = 0
  /** Live changes that arrived while the first page was being fetched, applied after it. */
  let waiting: (() => void)[] | null = null
  let stream: { close(): void } | null = null

  const ownUnit = person.unitId
  /** The units the chosen unit covers; null while the subtree is not known (then units are not checked here). */
  const chosenUnits = computed(() => {
    const root = filters.value.unitId || ownUnit
    return root && units.value.length ? unitsUnder(root, units.value) : null
  })

  function sync() {
    rows.value = queue.rows
    total.value = queue.total
  }

  async function fetchPage(page: number) {
    const { data } = await requestApi.GET('/api/v1/requests', { params: { query: apiQuery(filters.value, person.district, ownUnit, page, PAGE_SIZE) } })
    return { items: data?.items ?? [], total: data?.total ?? 0 }
  }

  /** The first page again (the stream opened or reopened, or the filters changed). */
  async function refetch() {
    const mine = ++generation
    waiting = waiting ?? []
    loading.value = true
    try {
      const page = await fetchPage(0)
      if (mine !== generation) return
      queue.replace(page.items, page.total)
      pages = 1
      problems.clear()
    } catch (error) {
      if (mine === generation) problems.show(error)
    } finally {
      if (mine === generation) {
        loading.value = false
        const held = waiting ?? []
        waiting = null
        held.forEach((change) => change())
        sync()
      }
    }
  }

  async function loadMore() {
    if (loading.value || queue.rows.length >= queue.total || pages === 0) return
    const mine = generation
    loading.value = true
    try {
      const page = await fetchPage(pages)
      if (mine !== generation) return
      queue.append(page.items, page.total)
      pages += 1
      sync()
    } catch (error) {
      problems.show(error)
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function apply(view: RequestView, sequence: number) {
    const change = queue.apply(view, sequence, (candidate) => listed(candidate, filters.value, chosenUnits.value, Date.now()))
    note(view.requestId!, change)
  }

  function note(requestId: string, change: Change) {
    if (change !== 'ignored') lastChange.value = { requestId, change }
  }

  /** A live change now, or after the page being fetched. */
  function whenLoaded(change: () => void) {
    if (waiting) {
      waiting.push(change)
      return
    }
    change()
    sync()
  }

  function onRequest(view: RequestView, sequence: number) {
    whenLoaded(() => apply(view, sequence))
  }

  function onLeft(requestId: string, sequence: number) {
    whenLoaded(() => note(requestId, queue.leave(requestId, sequence)))
  }

  function start() {
    stream = openLive({ district: person.district, unitId: ownUnit, wait: options.wait }, {
      ready: () => { refetch() },
      request: onRequest,
      left: onLeft,
      state: (state, problem) => {
        live.value = state
        liveProblem.value = problem ?? null
        // Without a stream the queue is still shown (not kept current): the first page once, without waiting for it.
        if ((state === 'refused' || state === 'reconnecting') && pages === 0 && !loading.value) refetch()
      },
    })
  }

  function stop() {
    stream?.close()
    stream = null
  }

  // The API filters by these: a change needs the first page again; the others filter the loaded rows.
  const asked = computed(() => { const { search, ...rest } = filters.value; return JSON.stringify(rest) })
  watch(asked, () => { refetch() })

  return { rows, total, loading, live, liveProblem, lastChange, problems, refetch, loadMore, start, stop }
}
