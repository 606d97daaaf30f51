import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eventually } from '../../testing/eventually'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import type { Component } from 'vue'
import { makeI18n } from '../../i18n'
import { accessToken } from '../../auth/session'
import HomeScreen from '../HomeScreen.vue'
import OrderScreen from '../OrderScreen.vue'
import LoginScreen from '../LoginScreen.vue'
import { answer, calls, keys, loggedIn, loginPage, menuItem, serve, type Call } from './issuer'

// The stand-in fetch every test of this file answers through (the typed clients look fetch up at each call).
const fetchMock = vi.hoisted(() => {
  const stub = vi.fn()
  globalThis.fetch = stub
  return stub
})

let wrapper: VueWrapper | null = null

function show(component: Component, props: Record<string, unknown> = {}) {
  wrapper = mount(component, { props, attachTo: document.body, global: { plugins: [makeI18n('zh-CN')] } })
  return wrapper
}

/** The element the remote is on: the browser's focus, which the page moves with the arrows. */
function focused(): HTMLElement {
  return document.activeElement as HTMLElement
}

async function press(...names: string[]) {
  for (const name of names) {
    keys(name)
    await flushPromises()
  }
}

beforeEach(() => {
  sessionStorage.clear()
  history.replaceState(null, '', '/app/tv.html')
})

afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  vi.useRealTimers()
})

describe('the menu by platform', () => {
  const menus: Record<string, ReturnType<typeof menuItem>[]> = {
    THEORY_LECTURES: [menuItem('TALK', { name: '宣讲进社区', platform: 'THEORY_LECTURES' })],
    CARE: [
      menuItem('CARE-ESCORT', { name: '陪同就医' }),
      menuItem('HOME-REPAIR', { name: '上门维修', fields: [{ code: 'what', datatype: 'STRING', label: '什么坏了', required: true }] }),
      menuItem('MEALS', { name: '助餐' }),
      menuItem('CHAT', { name: '陪伴聊天' }),
    ],
  }

  beforeEach(() => {
    loggedIn()
    fetchMock.mockImplementation(serve({
      'GET /api/v1/menu/items': ({ url }) => answer(menus[url.searchParams.get('platform') ?? ''] ?? []),
    }))
  })

  const menuCalls = () => calls.filter((call) => call.url.pathname === '/api/v1/menu/items')
    .map((call) => call.url.searchParams.get('district') + '/' + call.url.searchParams.get('platform'))

  it('opens on the first platform with its items, focus on the platform', async () => {
    const page = show(HomeScreen, { district: 'cq-jiulongpo', stationId: 's-3-2', stationName: '杨家坪站' })
    await flushPromises()
    expect(menuCalls()).toEqual(['cq-jiulongpo/THEORY_LECTURES'])
    expect(focused().dataset.platform).toBe('THEORY_LECTURES')
    expect(page.findAll('[data-code]').map((item) => item.attributes('data-code'))).toEqual(['TALK'])
  })

  it('shows a platform\'s items on moving onto it, asking the service once per platform', async () => {
    const page = show(HomeScreen, { district: 'cq-jiulongpo', stationId: 's-3-2', stationName: '杨家坪站' })
    await flushPromises()
    await press('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown')
    expect(focused().dataset.platform).toBe('CARE')
    expect(page.findAll('[data-code]').map((item) => item.attributes('data-code')))
      .toEqual(['CARE-ESCORT', 'HOME-REPAIR', 'MEALS', 'CHAT'])
    await press('ArrowDown', 'ArrowUp')
    expect(menuCalls().filter((call) => call.endsWith('/CARE'))).toHaveLength(1)
    expect(page.find('[data-platform="EDUCATION"]').attributes('aria-pressed')).toBe('false')
  })

  it('moves over the items three to a row and back to the chosen platform', async () => {
    show(HomeScreen, { district: 'cq-jiulongpo', stationId: 's-3-2', stationName: '杨家坪站', initialPlatform: 'CARE' })
    await flushPromises()
    expect(focused().dataset.platform).toBe('CARE')
    await press('ArrowRight')
    expect(focused().dataset.code).toBe('CARE-ESCORT')
    await press('ArrowDown')
    expect(focused().dataset.code).toBe('CHAT')
    await press('ArrowUp', 'ArrowRight', 'ArrowRight')
    expect(focused().dataset.code).toBe('MEALS')
    await press('ArrowRight')
    expect(focused().dataset.code).toBe('MEALS')
    await press('Backspace')
    expect(focused().dataset.platform).toBe('CARE')
    await press('Backspace')
    expect(focused().dataset.nav).toBe('menu')
  })

  it('starts an order with OK on an item, and says an item needing typed answers is for the phone', async () => {
    const page = show(HomeScreen, { district: 'cq-jiulongpo', stationId: 's-3-2', stationName: '杨家坪站', initialPlatform: 'CARE' })
    await flushPromises()
    await press('ArrowRight', 'ArrowRight', 'Enter')
    expect(focused().dataset.code).toBe('HOME-REPAIR')
    expect(page.emitted('order')).toBeUndefined()
    expect(page.find('#tv-home-message').text()).toContain('手机')
    await press('ArrowLeft', 'Enter')
    expect(page.emitted('order')?.[0]?.[0]).toMatchObject({ code: 'CARE-ESCORT' })
    expect(page.emitted('order')?.[0]?.[1]).toBe('CARE')
  })

  it('reaches the top row from the platforms and logs out with OK there', async () => {
    const page = show(HomeScreen, { district: 'cq-jiulongpo', stationId: 's-3-2', stationName: '杨家坪站' })
    await flushPromises()
    await press('ArrowUp')
    expect(focused().dataset.nav).toBe('menu')
    await press('ArrowRight', 'ArrowRight', 'ArrowRight', 'Enter')
    expect(page.emitted('logOut')).toHaveLength(1)
  })
})

describe('this week\'s activities of the station', () => {
  beforeEach(() => {
    loggedIn()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-04T12:00:00Z'))
    fetchMock.mockImplementation(serve({
      'GET /api/v1/menu/items': () => answer([]),
      'GET /api/v1/activities': () => answer({ page: 0, size: 200, total: 3, items: [
        { activityId: 'a-past', title: '上周的讲座', startsAt: '2026-02-25T02:00:00Z', endsAt: '2026-02-25T04:00:00Z' },
        { activityId: 'a-thu', title: '健康讲座', place: '活动室', startsAt: '2026-03-05T01:30:00Z', endsAt: '2026-03-05T03:00:00Z',
          residentCapacity: 20, participants: { r1: 'RESIDENT', v1: 'VOLUNTEER' } },
        { activityId: 'a-next', title: '下周的电影', startsAt: '2026-03-10T11:00:00Z', endsAt: '2026-03-10T13:00:00Z' },
      ] }),
    }))
  })

  it('lists only this week\'s, in Shanghai\'s time, with the places left, for the box\'s station', async () => {
    const page = show(HomeScreen, { district: 'cq-jiulongpo', stationId: 's-3-2', stationName: '杨家坪站' })
    await flushPromises()
    await press('ArrowUp', 'ArrowRight', 'Enter')
    const asked = calls.find((call) => call.url.pathname === '/api/v1/activities')!
    expect(asked.url.searchParams.get('unitId')).toBe('s-3-2')
    expect(asked.url.searchParams.get('district')).toBe('cq-jiulongpo')
    const shown = page.findAll('[data-activity]')
    expect(shown.map((item) => item.attributes('data-activity'))).toEqual(['a-thu'])
    expect(shown[0].text()).toContain('09:30')
    expect(shown[0].text()).toContain('剩余名额 19')
    await press('ArrowDown')
    expect(focused().dataset.activity).toBe('a-thu')
  })
})

describe('a call-back order', () => {
  const item = menuItem('APPLIANCE', { name: '家电维修', fields: [
    { code: 'extras', datatype: 'MULTIVALUELIST', label: '附加', order: 2, values: [{ key: 'a', name: '甲' }, { key: 'b', name: '乙' }] },
    { code: 'appliance', datatype: 'SINGLEVALUELIST', label: '电器', required: true, order: 1,
      values: [{ key: 'tv', name: '电视' }, { key: 'fridge', name: '冰箱' }] },
    { code: 'note', datatype: 'STRING', label: '备注' },
  ] })
  const station = { unitId: 's-3-2', name: '杨家坪站', communities: ['c1', 'c2'], location: { latitude: 29.5, longitude: 106.5 } }
  const props = { item, district: 'cq-jiulongpo', station, accountId: 'acc-1', mobile: '13800138000' }
  let posts: Call[]
  let failFirst: boolean

  beforeEach(() => {
    loggedIn()
    posts = []
    failFirst = false
    fetchMock.mockImplementation(serve({
      'POST /api/v1/requests': (call) => {
        posts.push(call)
        if (failFirst && posts.length === 1) {
          return answer({ type: 'https://practice.cloud/problems/unavailable', title: 'Service Unavailable', status: 503,
            detail: '稍后再试' }, { status: 503, headers: { 'Content-Type': 'application/problem+json' } })
        }
        return answer({ requestId: 'req-42', responsibleUnitId: 's-3-2' }, { status: 201 })
      },
    }))
  })

  it('asks for the community and the required list field first, sending nothing', async () => {
    const page = show(OrderScreen, props)
    await flushPromises()
    expect(focused().dataset.community).toBe('c1')
    await press('ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter')
    expect(focused().dataset.community).toBe('c1')
    expect(page.find('#tv-order-message').text()).toContain('所在社区')
    await press('ArrowRight', 'Enter', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowLeft', 'Enter')
    expect(page.find('#tv-order-message').text()).toContain('电器')
    expect(focused().closest('[data-field]')?.getAttribute('data-field')).toBe('appliance')
    expect(posts).toHaveLength(0)
  })

  it('sends the chosen answers as a TV order to be called back, and confirms it', async () => {
    const page = show(OrderScreen, props)
    await flushPromises()
    expect(page.findAll('[data-field]').map((field) => field.attributes('data-field'))).toEqual(['appliance', 'extras'])
    await press('ArrowRight', 'Enter') // community c2
    await press('ArrowDown', 'Enter') // appliance: entered at column 1 → fridge
    await press('ArrowLeft', 'Enter') // appliance: tv instead
    await press('ArrowDown', 'Enter', 'ArrowRight', 'Enter', 'ArrowLeft', 'Enter') // extras: a, b, then a off again
    await press('ArrowDown')
    expect(focused().dataset.action).toBe('submit')
    await press('Enter')
    await eventually(() => expect(page.find('[data-testid="tv-order-sent"]').exists()).toBe(true))

    expect(posts).toHaveLength(1)
    expect(posts[0].url.searchParams.get('district')).toBe('cq-jiulongpo')
    expect(JSON.parse(posts[0].body)).toEqual({ menuItem: 'APPLIANCE', channel: 'TV', requesterId: 'acc-1',
      description: '电视点单，请回电', contact: '13800138000', community: 'c2', answers: { appliance: 'tv', extras: ['b'] } })
    expect(posts[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
    expect(page.find('#tv-order-number').text()).toContain('req-42')
    expect(page.text()).toContain('138****8000')
    expect(focused().dataset.action).toBe('again')
    await press('Enter')
    expect(page.emitted('done')).toHaveLength(1)
  })

  it('retries with the same Idempotency-Key after a failure, so it stays one order', async () => {
    failFirst = true
    const page = show(OrderScreen, { ...props, station: { ...station, communities: ['c1'] } })
    await flushPromises()
    expect(focused().closest('[data-field]')?.getAttribute('data-field')).toBe('appliance')
    await press('Enter', 'ArrowDown', 'ArrowDown', 'Enter')
    await eventually(() => expect(page.find('#tv-order-message').exists()).toBe(true))
    expect(page.find('#tv-order-message').text()).toContain('稍后再试')
    await press('Enter')
    await eventually(() => expect(page.find('[data-testid="tv-order-sent"]').exists()).toBe(true))
    expect(posts).toHaveLength(2)
    expect(posts[1].headers.get('Idempotency-Key')).toBe(posts[0].headers.get('Idempotency-Key'))
    expect(JSON.parse(posts[1].body).community).toBe('c1')
  })

  it('places the order by the station\'s location when the station names no community', async () => {
    show(OrderScreen, { ...props, station: { ...station, communities: [] } })
    await flushPromises()
    await press('Enter', 'ArrowDown', 'ArrowDown', 'Enter')
    await eventually(() => expect(posts).toHaveLength(1))
    const body = JSON.parse(posts[0].body)
    expect(body.community).toBeUndefined()
    expect(body.location).toEqual({ latitude: 29.5, longitude: 106.5 })
  })

  it('goes back to the menu with Back', async () => {
    const page = show(OrderScreen, props)
    await flushPromises()
    await press('Escape')
    expect(page.emitted('back')).toHaveLength(1)
  })
})

describe('the login screen', () => {
  function issuer() {
    let state = ''
    let sentTo = ''
    return serve({
      'GET /oauth2/authorize': ({ url }) => {
        state = url.searchParams.get('state')!
        return answer(loginPage('t'), { url: '/login' })
      },
      'POST /login/code/send': ({ body }) => {
        sentTo = new URLSearchParams(body).get('mobile')!
        return answer(loginPage('t'), { url: '/login?sent' })
      },
      'POST /login/code': ({ body }) => {
        const form = new URLSearchParams(body)
        return form.get('code') === '123456' && form.get('mobile') === sentTo
          ? answer('', { url: '/app/tv.html?code=c1&state=' + state })
          : answer(loginPage('t'), { url: '/login?error' })
      },
      'POST /oauth2/token': () => answer({ access_token: 'h.' + btoa(JSON.stringify({ sub: 'acc-9' })) + '.s', expires_in: 600 }),
    })
  }

  beforeEach(() => fetchMock.mockImplementation(issuer()))

  const value = () => wrapper!.find('#tv-login-value').text().replace(/\s/g, '')

  it('takes the number on the pad with arrows and OK, and Back deletes a digit', async () => {
    show(LoginScreen)
    await flushPromises()
    expect(focused().dataset.key).toBe('1')
    await press('Enter', 'ArrowRight', 'ArrowRight', 'Enter') // 1, 3
    await press('ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowLeft') // 6, 9, done, 0
    expect(focused().dataset.key).toBe('0')
    await press('ArrowUp', 'Enter') // 8
    expect(value()).toBe('138')
    await press('0', '0', '1', '3', '8', '0', '0', '0', '9')
    expect(value()).toBe('13800138000')
    await press('Backspace')
    expect(value()).toBe('1380013800')
  })

  it('refuses a short number without asking the issuer', async () => {
    const page = show(LoginScreen)
    await flushPromises()
    await press('1', '3', '8', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'Enter')
    expect(focused().dataset.key).toBe('done')
    expect(page.find('#tv-login-message').text()).toContain('11')
    expect(calls).toHaveLength(0)
  })

  it('sends the code, takes it and logs in; a wrong code is said so', async () => {
    const page = show(LoginScreen)
    await flushPromises()
    await press(...'13800138000'.split(''))
    await press('ArrowRight', 'ArrowRight', 'ArrowRight') // off the pad's right edge, onto the first action
    expect(focused().dataset.action).toBe('send')
    await press('Enter')
    await eventually(() => expect(page.find('.entry').attributes('data-step')).toBe('code'))
    expect(page.text()).toContain('138****8000')
    expect(focused().dataset.key).toBe('1')

    await press(...'654321'.split(''), 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight')
    expect(focused().dataset.key).toBe('done')
    await press('Enter')
    await eventually(() => expect(page.find('#tv-login-message').exists()).toBe(true))
    expect(page.find('#tv-login-message').text()).toContain('验证码不对')
    expect(page.emitted('in')).toBeUndefined()

    await press(...'123456'.split(''), 'Enter')
    await eventually(() => expect(page.emitted('in')).toHaveLength(1))
    expect(accessToken()).not.toBeNull()
  })

  it('goes back from the code to the number with Back when no digit is left to delete', async () => {
    const page = show(LoginScreen)
    await flushPromises()
    await press(...'13800138000'.split(''), 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowRight', 'ArrowRight', 'Enter')
    await eventually(() => expect(page.find('.entry').attributes('data-step')).toBe('code'))
    await press('1', 'Backspace', 'Backspace')
    expect(page.find('.entry').attributes('data-step')).toBe('mobile')
    expect(value()).toBe('13800138000')
  })
})
