import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { defineComponent, h, ref } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import NoticeBell from '../NoticeBell.vue'
import { makeI18n } from '../../i18n'
import { pauses } from '../../shared/eventStream'
import { logInAs, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { READY } from '../../testing/eventStream'
import { DISTRICT, inboxServer, notice, noticeEvent } from './inboxServer'

describe('the inbox\'s bell', () => {
  let wrapper: VueWrapper
  let releasePause: () => void
  const wait = pauses.wait
  /** How many bells are shown (two share one stream). */
  const bells = ref(1)

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    pauses.wait = () => new Promise((resolve) => { releasePause = resolve })
    bells.value = 1
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    pauses.wait = wait
  })

  async function open(language: 'zh-CN' | 'en' = 'zh-CN') {
    const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/', component: { render: () => h('main') } }, { path: '/notices', component: { render: () => h('main') } }] })
    await router.push('/')
    await router.isReady()
    const Header = defineComponent({ render: () => h('header', Array.from({ length: bells.value }, () => h(NoticeBell, { district: DISTRICT }))) })
    wrapper = mount(Header, { global: { plugins: [router, makeI18n(language)] }, attachTo: document.body })
    await settle()
    return router
  }

  const bell = () => wrapper.find('[data-testid=notice-bell]')

  it('is named by how many notices are unread, the count drawn on it too, and leads to the inbox', async () => {
    const server = inboxServer([notice('ntc-1'), notice('ntc-2'), notice('ntc-3'), notice('ntc-4', { readAt: '2026-03-07T09:01:00Z' })])
    await open()
    expect(bell().attributes('aria-label')).toBe('通知，3 条未读')
    expect(bell().attributes('href')).toBe('/notices')
    expect(wrapper.find('[data-testid=notice-bell-count]').text()).toBe('3')
    expect(server.gets('/api/v1/notices/unread-count')[0].url.searchParams.get('district')).toBe(DISTRICT)
  })

  it('says only "notices" with nothing unread, and in English in English', async () => {
    inboxServer([notice('ntc-1', { readAt: '2026-03-07T09:01:00Z' })])
    await open('en')
    expect(bell().attributes('aria-label')).toBe('Notices')
    expect(wrapper.find('[data-testid=notice-bell-count]').exists()).toBe(false)
  })

  it('draws more than 99 as 99+ and still says the number', async () => {
    inboxServer(Array.from({ length: 120 }, (_, i) => notice('ntc-' + i)))
    await open()
    expect(wrapper.find('[data-testid=notice-bell-count]').text()).toBe('99+')
    expect(bell().attributes('aria-label')).toBe('通知，120 条未读')
  })

  it('counts a notice that arrives on the live stream, and says its title politely', async () => {
    const server = inboxServer([notice('ntc-1')])
    await open()
    server.streams[0].send(READY)
    await settle()
    expect(bell().attributes('aria-label')).toBe('通知，1 条未读')
    const warning = notice('ntc-sla', { kind: 'sla-warning', urgent: true, title: '订单即将超时' })
    server.raise(warning)
    server.streams[0].send(noticeEvent(warning))
    await settle()
    expect(bell().attributes('aria-label')).toBe('通知，2 条未读')
    const announcement = wrapper.find('[data-testid=notice-bell-announcement]')
    expect(announcement.attributes('role')).toBe('status')
    expect(announcement.text()).toBe('新通知：订单即将超时')
  })

  it('asks for the count again once a dropped stream is back, so what came meanwhile is counted', async () => {
    const server = inboxServer([notice('ntc-1')])
    await open()
    server.streams[0].send(READY)
    await settle()
    server.streams[0].drop()
    await settle()
    server.raise(notice('ntc-missed'))
    releasePause()
    await settle()
    expect(bell().attributes('aria-label')).toBe('通知，1 条未读')
    server.streams[1].send(READY)
    await settle()
    expect(bell().attributes('aria-label')).toBe('通知，2 条未读')
  })

  it('shares one stream among the bells of a tab, and opens a new one once they are all gone and one comes back', async () => {
    bells.value = 2
    const server = inboxServer([notice('ntc-1')])
    await open()
    expect(wrapper.findAll('[data-testid=notice-bell]')).toHaveLength(2)
    expect(server.gets('/api/v1/notices/live')).toHaveLength(1)
    wrapper.unmount()
    bells.value = 1
    await open()
    expect(server.gets('/api/v1/notices/live')).toHaveLength(2)
  })

  it('shows no count, and no error, when the inbox cannot be read', async () => {
    inboxServer([], {
      'GET /api/v1/notices/unread-count': { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403 } },
      'GET /api/v1/notices/live': { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403 } },
    })
    await open()
    expect(bell().attributes('aria-label')).toBe('通知')
    expect(wrapper.find('[role=alert]').exists()).toBe(false)
  })

  it('has no axe violations', async () => {
    inboxServer([notice('ntc-1')])
    await open()
    expect(await axeViolations()).toEqual([])
  })
})
