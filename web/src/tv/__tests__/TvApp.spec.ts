import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { makeI18n } from '../../i18n'
import { accessToken } from '../../auth/session'
import TvApp from '../TvApp.vue'
import { answer, calls, keys, loggedIn, serve } from './issuer'


// The typed clients look fetch up per call; the stand-in is installed before each test.
describe('the TV page on a shared TV', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    sessionStorage.clear()
    history.replaceState(null, '', '/app/tv.html?station=s-1')
    loggedIn()
    // A token good for the whole test, so only being idle can end the login here.
    const token = JSON.parse(sessionStorage.getItem('practice-web.token')!)
    sessionStorage.setItem('practice-web.token', JSON.stringify({ ...token, expiresAt: Date.now() + 86_400_000 }))
    globalThis.fetch = serve({
      'GET /api/v1/org-units/s-1': () => answer({ unitId: 's-1', name: '盘龙社区新时代文明实践站', communities: ['盘龙社区'] }),
      'GET /api/v1/menu/items': () => answer([]),
      'GET /api/v1/activities': () => answer({ items: [], page: 0, size: 50, total: 0 }),
      'POST /connect/logout': () => answer({}, { status: 200 }),
    }) as typeof fetch
  })
  afterEach(() => {
    vi.runOnlyPendingTimers()
    vi.useRealTimers()
  })

  it('logs out a viewer who left the remote alone for ten minutes, and not one who kept using it', async () => {
    const wrapper = mount(TvApp, { attachTo: document.body, global: { plugins: [makeI18n('zh-CN')] } })
    await flushPromises()
    expect(wrapper.find('main.tv').attributes('data-phase')).toBe('home')

    for (let minute = 0; minute < 12; minute++) {
      keys('ArrowDown')
      await vi.advanceTimersByTimeAsync(60_000)
    }
    await flushPromises()
    expect(wrapper.find('main.tv').attributes('data-phase')).toBe('home')

    await vi.advanceTimersByTimeAsync(10 * 60_000 + 20_000)
    await flushPromises()
    expect(wrapper.find('main.tv').attributes('data-phase')).toBe('login')
    expect(accessToken()).toBeNull()
    expect(calls.some((call) => call.method === 'POST' && call.url.pathname === '/connect/logout')).toBe(true)
    wrapper.unmount()
  })
})
