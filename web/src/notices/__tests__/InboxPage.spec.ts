import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router'
import { makeI18n } from '../../i18n'
import InboxPage from '../InboxPage.vue'
import NoticeBell from '../NoticeBell.vue'
import type { InboxApp } from '../inbox'
import { pauses } from '../../shared/eventStream'
import { logInAs, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { READY } from '../../testing/eventStream'
import { DISTRICT, inboxServer, notice, noticeEvent } from './inboxServer'

/** The header's bell above the page, as the app's frame shows them: the bell stays when a notice opens another page. */
const Frame = defineComponent({ render: () => h('div', [h('header', [h(NoticeBell, { district: DISTRICT })]), h(RouterView)]) })
const Elsewhere = defineComponent({ render: () => h('main', [h('h1', 'elsewhere')]) })

const OFFER = notice('ntc-offer', { createdAt: '2026-03-07T09:00:00Z' })
const SLA = notice('ntc-sla', { kind: 'sla-warning', urgent: true, title: '订单即将超时', body: '「陪伴聊天」订单的审核时限将于 3月7日 17:20 到期。',
  link: '/app/console.html#/orders/req-1', createdAt: '2026-03-07T08:00:00.250Z' })
const SIGNED_UP = notice('ntc-signed', { kind: 'activity-signed-up', title: '活动报名成功', body: '您已报名「社区义诊」。', link: undefined,
  createdAt: '2026-03-06T08:00:00Z', readAt: '2026-03-06T09:00:00Z' })

describe('the inbox', () => {
  let wrapper: VueWrapper
  let router: Router
  let releasePause: () => void
  const wait = pauses.wait

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
    pauses.wait = () => new Promise((resolve) => { releasePause = resolve })
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    pauses.wait = wait
    vi.restoreAllMocks()
  })

  async function open(app: InboxApp = 'people') {
    router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/notices', component: InboxPage, props: { app } },
      ...['/volunteer/offers', '/orders/:requestId', '/notices/preferences'].map((path) => ({ path, component: Elsewhere })),
    ] })
    await router.push('/notices')
    await router.isReady()
    wrapper = mount(Frame, { global: { plugins: [router, makeI18n('zh-CN')] }, attachTo: document.body })
    await settle()
  }

  const shown = () => wrapper.findAll('[data-testid=notice]')
  const bell = () => wrapper.find('[data-testid=notice-bell]')

  it('lists the notices newest first, the unread marked in words, the urgent labelled, and the bell counts the unread', async () => {
    const server = inboxServer([SIGNED_UP, SLA, OFFER])
    await open()
    expect(shown().map((row) => row.attributes('data-notice-id'))).toEqual(['ntc-offer', 'ntc-sla', 'ntc-signed'])
    expect(shown().map((row) => row.find('[data-testid=notice-unread]').exists() ? row.find('[data-testid=notice-unread]').text() : '')).toEqual(['未读', '未读', ''])
    expect(shown().map((row) => row.find('[data-testid=notice-urgent]').exists())).toEqual([false, true, false])
    expect(shown()[1].text()).toContain('订单即将超时（本单位）')
    expect(wrapper.find('[data-testid=inbox-count]').text()).toBe('共 3 条，2 条未读')
    expect(bell().attributes('aria-label')).toBe('通知，2 条未读')
    const list = server.gets('/api/v1/notices')[0]
    expect(Object.fromEntries(list.url.searchParams)).toEqual({ district: DISTRICT, page: '0', size: '20' })
    expect(list.headers.get('Authorization')).toMatch(/^Bearer /)
  })

  it('shows only the unread when asked', async () => {
    const server = inboxServer([SIGNED_UP, SLA, OFFER])
    await open()
    await wrapper.find('[data-testid=only-unread]').setValue(true)
    await settle()
    const lists = server.gets('/api/v1/notices')
    expect(lists[lists.length - 1].url.searchParams.get('unread')).toBe('true')
    expect(shown().map((row) => row.attributes('data-notice-id'))).toEqual(['ntc-offer', 'ntc-sla'])
  })

  it('shows more on request, each notice once', async () => {
    const many = Array.from({ length: 25 }, (_, i) => notice('ntc-' + i, { createdAt: new Date(Date.parse('2026-03-07T09:00:00Z') - i * 60_000).toISOString() }))
    inboxServer(many)
    await open()
    expect(shown()).toHaveLength(20)
    expect(wrapper.find('[data-testid=inbox-more]').text()).toBe('加载更多（已显示 20 / 25）')
    await wrapper.find('[data-testid=inbox-more]').trigger('click')
    await settle()
    expect(shown().map((row) => row.attributes('data-notice-id'))).toEqual(many.map((view) => view.id))
    expect(wrapper.find('[data-testid=inbox-more]').exists()).toBe(false)
  })

  it('marks a notice read when it is opened, then opens its page in this app, and the bell counts one fewer', async () => {
    const server = inboxServer([SIGNED_UP, SLA, OFFER])
    await open()
    const link = shown()[0].find('[data-testid=notice-open]')
    expect(link.attributes('href')).toBe('/app/#/volunteer/offers')
    await link.trigger('click', { button: 0 })
    await settle()
    const read = server.calls.find((call) => call.method === 'POST')!
    expect(read.url.pathname).toBe('/api/v1/notices/ntc-offer/read')
    expect(read.url.searchParams.get('district')).toBe(DISTRICT)
    expect(router.currentRoute.value.path).toBe('/volunteer/offers')
    expect(bell().attributes('aria-label')).toBe('通知，1 条未读')
  })

  it('follows a link into the other app with a real navigation, after marking it read', async () => {
    const server = inboxServer([SLA])
    const assign = vi.fn()
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, origin: window.location.origin, assign } as Location)
    await open()
    await shown()[0].find('[data-testid=notice-open]').trigger('click', { button: 0 })
    await settle()
    expect(server.inbox[0].readAt).toBeTruthy()
    expect(assign).toHaveBeenCalledWith('/app/console.html#/orders/req-1')
    expect(router.currentRoute.value.path).toBe('/notices')
  })

  it('opens the console\'s own links as console pages, there', async () => {
    inboxServer([SLA])
    await open('console')
    await shown()[0].find('[data-testid=notice-open]').trigger('click', { button: 0 })
    await settle()
    expect(router.currentRoute.value.path).toBe('/orders/req-1')
    expect(wrapper.find('[data-testid=notice-preferences]').exists()).toBe(false)
  })

  it('marks a notice without a link read by its button, and all of them at once', async () => {
    const unlinked = notice('ntc-plain', { link: undefined, createdAt: '2026-03-07T07:00:00Z' })
    const server = inboxServer([SLA, OFFER, unlinked])
    await open()
    expect(shown()[0].find('[data-testid=notice-read]').exists()).toBe(false)
    await wrapper.find('[data-notice-id=ntc-plain] [data-testid=notice-read]').trigger('click')
    await settle()
    expect(wrapper.find('[data-notice-id=ntc-plain]').attributes('data-read')).toBe('true')
    expect(wrapper.find('[data-notice-id=ntc-plain] [data-testid=notice-read]').exists()).toBe(false)
    expect(bell().attributes('aria-label')).toBe('通知，2 条未读')
    await wrapper.find('[data-testid=read-all]').trigger('click')
    await settle()
    expect(server.calls.some((call) => call.method === 'POST' && call.url.pathname === '/api/v1/notices/read-all')).toBe(true)
    expect(wrapper.findAll('[data-testid=notice-unread]')).toHaveLength(0)
    expect(bell().attributes('aria-label')).toBe('通知')
    expect(wrapper.find('[data-testid=notice-bell-count]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=read-all]').attributes('disabled')).toBeDefined()
  })

  it('puts a notice that arrives on the stream on top and counts it on the bell, without fetching the list again', async () => {
    const server = inboxServer([SIGNED_UP, SLA])
    await open()
    server.streams[0].send(READY)
    await settle()
    const lists = server.gets('/api/v1/notices').length
    const offer = notice('ntc-new', { createdAt: '2026-03-07T09:10:00Z' })
    server.raise(offer)
    server.streams[0].send(noticeEvent(offer))
    await settle()
    expect(shown().map((row) => row.attributes('data-notice-id'))).toEqual(['ntc-new', 'ntc-sla', 'ntc-signed'])
    expect(bell().attributes('aria-label')).toBe('通知，2 条未读')
    expect(wrapper.find('[data-testid=notice-bell-count]').text()).toBe('2')
    expect(wrapper.find('[data-testid=notice-bell-announcement]').text()).toBe('新通知：有新的服务订单 ntc-new')
    expect(server.gets('/api/v1/notices')).toHaveLength(lists)
    expect(server.gets('/api/v1/notices/live')).toHaveLength(1)
  })

  it('fetches the list and the count again once a dropped stream is back (ready), finding what came meanwhile', async () => {
    const server = inboxServer([SLA])
    await open()
    server.streams[0].send(READY)
    await settle()
    server.streams[0].drop()
    await settle()
    const missed = notice('ntc-missed', { createdAt: '2026-03-07T09:20:00Z' })
    server.raise(missed) // raised while no stream was open: never sent on one
    const [lists, counts] = [server.gets('/api/v1/notices').length, server.gets('/api/v1/notices/unread-count').length]
    releasePause()
    await settle()
    expect(server.streams).toHaveLength(2)
    expect(shown().map((row) => row.attributes('data-notice-id'))).toEqual(['ntc-sla'])
    server.streams[1].send(READY)
    await settle()
    expect(server.gets('/api/v1/notices').length).toBeGreaterThan(lists)
    expect(server.gets('/api/v1/notices/unread-count').length).toBeGreaterThan(counts)
    expect(shown().map((row) => row.attributes('data-notice-id'))).toEqual(['ntc-missed', 'ntc-sla'])
    expect(bell().attributes('aria-label')).toBe('通知，2 条未读')
  })

  it('shows the list even when the stream is refused, and says new notices will not come by themselves', async () => {
    inboxServer([OFFER], { 'GET /api/v1/notices/live': { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403 } } })
    await open()
    expect(shown()).toHaveLength(1)
    expect(wrapper.find('[data-testid=inbox-live]').attributes('data-state')).toBe('refused')
  })

  it('has no axe violations, with the bell, unread, urgent and read notices shown', async () => {
    inboxServer([SIGNED_UP, SLA, OFFER])
    await open()
    expect(await axeViolations()).toEqual([])
  })
})
