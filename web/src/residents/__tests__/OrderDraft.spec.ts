import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import OrderPage from '../OrderPage.vue'
import { onRenewNeeded } from '../../api/client'
import { answerCalls, logInAs, mountPage, settle } from '../../testing/mountPage'

const item = {
  code: 'FIX', name: '小家电维修', platform: 'SCIENCE', active: true,
  fields: [{ code: 'symptom', label: '故障描述', datatype: 'TEXT', required: true, order: 1, values: [] }],
}
const DRAFT = 'practice-web.draft.order.FIX'

describe('an order typed when the login runs out', () => {
  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo' })
  })
  afterEach(() => {
    vi.runOnlyPendingTimers()
    vi.useRealTimers()
  })

  async function open() {
    const mounted = await mountPage(OrderPage, '/order/FIX', { path: '/order/:code', name: 'order' },
      [{ path: '/orders/:requestId', name: 'order-detail' }, { path: '/orders', name: 'orders' }])
    await settle()
    return mounted
  }

  it('sends the person to log in again on a 401, keeps what they typed, and sends it as the same order afterwards', async () => {
    const renew = vi.fn()
    onRenewNeeded(renew)
    answerCalls({
      'GET /api/v1/menu/items/FIX': { body: item },
      'GET /api/v1/org-units': { body: { items: [{ unitId: 's-1', communities: ['盘龙社区'] }] } },
      'POST /api/v1/requests': { status: 401, body: { type: 'https://practice.cloud/problems/unauthenticated', status: 401 } },
    })
    const first = await open()
    await first.wrapper.find('#field-symptom').setValue('冰箱不制冷')
    await first.wrapper.find('#field-community').setValue('盘龙社区')
    await first.wrapper.find('#field-address').setValue('盘龙路 1 号')
    await first.wrapper.find('form').trigger('submit')
    await settle()
    expect(renew).toHaveBeenCalledTimes(1)
    expect(first.wrapper.find('[role=alert]').exists()).toBe(false)
    const kept = JSON.parse(sessionStorage.getItem(DRAFT)!)
    expect(kept.answers.symptom).toBe('冰箱不制冷')
    first.wrapper.unmount()

    // Back from the issuer with a new token: the page opens with the draft, and the send reuses its key.
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo' })
    const calls = answerCalls({
      'GET /api/v1/menu/items/FIX': { body: item },
      'GET /api/v1/org-units': { body: { items: [{ unitId: 's-1', communities: ['盘龙社区'] }] } },
      'POST /api/v1/requests': { status: 201, body: { requestId: 'req-1' } },
    })
    const second = await open()
    expect((second.wrapper.find('#field-symptom').element as HTMLTextAreaElement).value).toBe('冰箱不制冷')
    expect((second.wrapper.find('#field-community').element as HTMLSelectElement).value).toBe('盘龙社区')
    await second.wrapper.find('form').trigger('submit')
    await settle()
    const post = calls.find((call) => call.method === 'POST')!
    expect(post.headers.get('Idempotency-Key')).toBe(kept.key)
    expect(sessionStorage.getItem(DRAFT)).toBeNull()
  })
})
