import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import MenuPage from '../MenuPage.vue'
import { answerCalls, logInAs, mountPage, settle } from '../../testing/mountPage'

const items = [
  { code: 'FIX', name: '家电维修', description: '上门', platform: 'SCIENCE', active: true, expectedMinutes: 60 },
  { code: 'LAW', name: '法律咨询', description: '律师', platform: 'LEGAL', active: true, expectedMinutes: 30 },
]

describe('the menu page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo' })
    answerCalls({ 'GET /api/v1/menu/items': { body: items } })
  })
  afterEach(() => {
    vi.runOnlyPendingTimers()
    vi.useRealTimers()
  })

  async function open() {
    const { wrapper } = await mountPage(MenuPage, '/', { path: '/', name: 'menu' }, [{ path: '/order/:code', name: 'order' }])
    await settle()
    return wrapper
  }

  it('opens on the first platform that offers something, and switches by the platform buttons', async () => {
    const wrapper = await open()
    expect(wrapper.find('[data-platform=SCIENCE]').attributes('aria-pressed')).toBe('true')
    expect(wrapper.findAll('[data-code]').map((row) => row.attributes('data-code'))).toEqual(['FIX'])
    await wrapper.find('[data-platform=LEGAL]').trigger('click')
    expect(wrapper.findAll('[data-code]').map((row) => row.attributes('data-code'))).toEqual(['LAW'])
    expect(wrapper.find('[data-code=LAW]').attributes('href')).toBe('/order/LAW')
  })

  it('searches every platform and hides the platform buttons meanwhile', async () => {
    const wrapper = await open()
    await wrapper.find('input[type=search]').setValue('律师')
    expect(wrapper.find('[data-platform=SCIENCE]').exists()).toBe(false)
    expect(wrapper.findAll('[data-code]').map((row) => row.attributes('data-code'))).toEqual(['LAW'])
  })
})
