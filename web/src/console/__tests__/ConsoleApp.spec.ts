import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import ConsoleApp from '../ConsoleApp.vue'
import * as words from '../messages'
import { answerCalls, logInAs, mountPage, settle } from '../../testing/mountPage'

describe('the console\'s frame', () => {
  let wrapper: VueWrapper

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    sessionStorage.clear()
    localStorage.clear()
    answerCalls({
      'GET /api/v1/people/me': { body: { accountId: 'acc-9', name: '王芳', role: 'STATION_ADMIN', unit: 'st-1' } },
      'GET /api/v1/org-units/st-1/subtree': { body: [{ depth: 0, unit: { unitId: 'st-1', name: '盘龙实践站' } }] },
    })
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  /** The frame mounted as the page at `path` (one of the header's), the others beside it. */
  async function open(path = '/') {
    const pages = ['queue', 'volunteers', 'activities', 'units', 'pairings', 'menu', 'figures', 'notices']
      .map((name) => ({ path: name === 'queue' ? '/' : '/' + name, name }))
    const here = pages.find((page) => page.path === path)!
    wrapper = (await mountPage(ConsoleApp, path, here, pages.filter((page) => page !== here), { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
  }

  it('names the person, their role and unit, and links to the dashboard', async () => {
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    await open()
    expect(wrapper.find('[data-testid=console-person-name]').text()).toBe('王芳')
    expect(wrapper.find('[data-testid=console-person-role]').text()).toBe('实践站管理员')
    expect(wrapper.find('[data-testid=console-person-unit]').text()).toBe('盘龙实践站')
    expect(wrapper.find('[data-testid=console-dashboard]').attributes('href')).toBe('/dashboard/')
  })

  it('leads to the work queue, the volunteers and the activities, marking the page the person is on', async () => {
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    await open()
    const pages = wrapper.find('[data-testid=console-pages]')
    expect(pages.element.tagName).toBe('NAV')
    expect(pages.attributes('aria-label')).toBe('工作台页面')
    expect(wrapper.find('[data-testid=nav-queue]').attributes('aria-current')).toBe('page')
    expect(wrapper.find('[data-testid=nav-volunteers]').attributes('href')).toBe('/volunteers')
    expect(wrapper.find('[data-testid=nav-activities]').attributes('href')).toBe('/activities')
    wrapper.unmount()
    await open('/volunteers')
    expect(wrapper.find('[data-testid=nav-volunteers]').attributes('aria-current')).toBe('page')
    expect(wrapper.find('[data-testid=nav-queue]').attributes('aria-current')).toBeUndefined()
    wrapper.unmount()
    await open('/activities')
    expect(wrapper.find('[data-testid=nav-activities]').attributes('aria-current')).toBe('page')
    expect(wrapper.find('[data-testid=nav-volunteers]').attributes('aria-current')).toBeUndefined()
  })

  it('leads every staff member to the units, the pairing and their figures, and only district admins to the menu', async () => {
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    await open('/units')
    expect(wrapper.findAll('[data-testid=console-pages] a').map((link) => link.text())).toEqual(['工单队列', '志愿者', '活动', '单位', '结对', '数据'])
    expect(wrapper.find('[data-testid=nav-units]').attributes('aria-current')).toBe('page')
    expect(wrapper.find('[data-testid=nav-menu]').exists()).toBe(false)
    wrapper.unmount()
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo', practice_role: 'DISTRICT_ADMIN', practice_unit: 'st-1' })
    await open('/menu')
    expect(wrapper.find('[data-testid=nav-menu]').attributes('href')).toBe('/menu')
    expect(wrapper.find('[data-testid=nav-menu]').attributes('aria-current')).toBe('page')
  })

  it('switches to English and back, keeping the choice', async () => {
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    await open()
    await wrapper.find('[data-testid=console-language]').trigger('click')
    expect(wrapper.find('[data-testid=console-person-role]').text()).toBe('Station admin')
    expect(localStorage.getItem('practice-web.language')).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    await wrapper.find('[data-testid=console-language]').trigger('click')
    expect(wrapper.find('[data-testid=console-person-role]').text()).toBe('实践站管理员')
  })

  it('lists the keyboard shortcuts on "?", but not while the person types', async () => {
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    await open()
    const input = document.createElement('input')
    document.body.appendChild(input)
    input.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true }))
    await settle()
    expect(document.body.textContent).not.toContain('键盘快捷键')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))
    await settle()
    const help = document.querySelector('[data-testid=shortcut-help]')!
    expect(help.textContent).toContain('键盘快捷键')
    expect([...help.querySelectorAll('tr')].map((row) => row.textContent)).toEqual(['j↓下一条', 'k↑上一条', 'Enter打开订单', 'r审单', 'd派单', '/搜索', '?显示本帮助'])
  })

  it('rings the bell of the person\'s and their unit\'s inbox with its unread count, the inbox belonging to no header page', async () => {
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    answerCalls({
      'GET /api/v1/people/me': { body: { accountId: 'acc-9', name: '王芳', role: 'STATION_ADMIN', unit: 'st-1' } },
      'GET /api/v1/notices/unread-count': { body: { unread: 3 } },
    })
    await open('/notices')
    const bell = wrapper.find('[data-testid=console-header] [data-testid=notice-bell]')
    expect(bell.attributes('aria-label')).toBe('通知，3 条未读')
    expect(bell.attributes('href')).toBe('/notices')
    expect(bell.attributes('aria-current')).toBe('page')
    expect(wrapper.findAll('[data-testid=console-pages] [aria-current]')).toHaveLength(0)
  })

  it('sends a city\'s analyst, who belongs to no district, to the dashboard', async () => {
    logInAs({ sub: 'acc-city', practice_role: 'CITY_ANALYST', practice_city: 'cq' })
    await open()
    const told = wrapper.find('[data-testid=console-city-analyst]')
    expect(told.attributes('role')).toBe('alert')
    expect(told.text()).toContain('城市分析员')
    expect(told.find('a').attributes('href')).toBe('/dashboard/')
    expect(wrapper.find('[data-testid=console-not-staff]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=console-pages]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=notice-bell]').exists()).toBe(false)
  })

  it('tells a person without a staff role that the console is not for them', async () => {
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo', practice_role: 'RESIDENT' })
    await open()
    expect(wrapper.find('[data-testid=console-not-staff]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=console-pages]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=notice-bell]').exists()).toBe(false)
  })
})
