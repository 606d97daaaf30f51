import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import { h } from 'vue'
import { createMemoryHistory, createRouter } from 'vue-router'
import App from '../../App.vue'
import { makeI18n } from '../../i18n'
import { logInAs, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { DISTRICT, inboxServer, notice } from './inboxServer'

describe('the people\'s app\'s frame', () => {
  let wrapper: VueWrapper

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'RESIDENT' })
    inboxServer([notice('ntc-1'), notice('ntc-2')])
  })
  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  async function open(path: string) {
    const page = { render: () => h('main', [h('h1', { class: 'page-title' }, 'page')]) }
    const router = createRouter({ history: createMemoryHistory(), routes: [
      { path: '/', component: page }, { path: '/notices', component: page },
      { path: '/welcome', component: page, meta: { anonymous: true } }, { path: '/order/:code', component: page, meta: { bare: true } },
    ] })
    await router.push(path)
    await router.isReady()
    wrapper = mount(App, { global: { plugins: [router, makeI18n('zh-CN')] }, attachTo: document.body })
    await settle()
  }

  it('rings the bell in the header of a page with the tab bar, ahead of the page', async () => {
    await open('/')
    const bell = wrapper.find('header.app-bar [data-testid=notice-bell]')
    expect(bell.attributes('aria-label')).toBe('通知，2 条未读')
    expect(wrapper.find('.frame').element.firstElementChild!.tagName).toBe('HEADER')
    expect(await axeViolations()).toEqual([])
  })

  it('sends a city\'s analyst, who belongs to no district, to the dashboard instead of the people\'s pages', async () => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-city', practice_role: 'CITY_ANALYST', practice_city: 'cq' })
    await open('/')
    const told = wrapper.find('[data-testid=city-analyst] [role=alert]')
    expect(told.text()).toContain('城市分析员')
    expect(told.find('a').attributes('href')).toBe('/dashboard/')
    expect(wrapper.text()).not.toContain('page')
    expect(wrapper.find('[data-testid=notice-bell]').exists()).toBe(false)
    expect(wrapper.find('.tab-bar').exists()).toBe(false)
    expect(await axeViolations()).toEqual([])
  })

  it('shows no bell on the welcome page nor on a page of its own (an order form)', async () => {
    await open('/welcome')
    expect(wrapper.find('[data-testid=notice-bell]').exists()).toBe(false)
    wrapper.unmount()
    await open('/order/FIX')
    expect(wrapper.find('[data-testid=notice-bell]').exists()).toBe(false)
  })
})
