import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import OrderPage from '../OrderPage.vue'
import { answerCalls, logInAs, mountPage, settle, type Call } from '../../testing/mountPage'

const item = {
  code: 'FIX', name: '小家电维修', description: '上门检修', platform: 'SCIENCE', active: true, reopenWindow: 'PT168H',
  fields: [
    { code: 'symptom', label: '故障描述', datatype: 'TEXT', required: true, order: 4, values: [] },
    { code: 'appliance', label: '电器', datatype: 'SINGLEVALUELIST', required: true, order: 1, values: [{ key: 'tv', name: '电视' }, { key: 'fridge', name: '冰箱' }] },
    { code: 'rooms', label: '房间', datatype: 'MULTIVALUELIST', required: false, order: 2, values: [{ key: 'kitchen', name: '厨房' }] },
    { code: 'age', label: '年数', datatype: 'NUMBER', required: false, order: 3, values: [] },
    { code: 'bought', label: '购买时间', datatype: 'DATETIME', required: false, order: 5, values: [] },
  ],
}

describe('the order page', () => {
  let calls: Call[]
  beforeEach(() => {
    // Vant measures some parts on timers after mounting; they run before the test's window goes away.
    vi.useFakeTimers({ shouldAdvanceTime: true })
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: 'cq-jiulongpo', practice_role: 'RESIDENT' })
    calls = answerCalls({
      'GET /api/v1/menu/items/FIX': { body: item },
      'GET /api/v1/org-units': { body: { items: [{ unitId: 's-1', communities: ['盘龙社区'] }, { unitId: 's-2', communities: ['九龙园社区', '盘龙社区'] }] } },
      'POST /api/v1/requests': { status: 201, body: { requestId: 'req-1' } },
    })
  })

  afterEach(() => {
    vi.runOnlyPendingTimers()
    vi.useRealTimers()
  })

  async function open() {
    const mounted = await mountPage(OrderPage, '/order/FIX', { path: '/order/:code', name: 'order' }, [{ path: '/orders/:requestId', name: 'order-detail' }, { path: '/orders', name: 'orders' }])
    await settle()
    return mounted
  }

  it('generates one input per field, of the field type, in the menu order', async () => {
    const { wrapper } = await open()
    const legends = wrapper.findAll('legend').map((l) => l.text().replace(' *', ''))
    expect(legends).toEqual(['电器', '房间'])
    expect(wrapper.findAll('input[type=radio]').map((r) => r.element.parentElement!.textContent!.trim())).toEqual(['电视', '冰箱'])
    expect(wrapper.findAll('input[type=checkbox]').map((r) => r.element.parentElement!.textContent!.trim())).toEqual(['厨房'])
    expect(wrapper.find('#field-age').attributes('inputmode')).toBe('decimal')
    expect(wrapper.find('#field-bought').attributes('type')).toBe('datetime-local')
    expect(wrapper.find('#field-symptom').element.tagName).toBe('TEXTAREA')
    expect(wrapper.findAll('#field-community option').map((o) => o.text())).toEqual(['请选择社区', '九龙园社区', '盘龙社区'])
  })

  it('names every problem beside its field and sends nothing while there are any', async () => {
    const { wrapper } = await open()
    await wrapper.find('form').trigger('submit')
    await settle()
    const text = wrapper.text()
    expect(text).toContain('请填写“电器”。')
    expect(text).toContain('请填写“故障描述”。')
    expect(text).toContain('请选择社区并填写地址，或使用手机位置。')
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0)
    await wrapper.findAll('input[type=radio]')[0].setValue(true)
    await settle()
    expect(wrapper.text()).not.toContain('请填写“电器”。')
    expect(wrapper.text()).toContain('请填写“故障描述”。')
  })

  it('sends the answers as the service takes them, once, and keeps the key for a retry', async () => {
    const { wrapper, router } = await open()
    await wrapper.findAll('input[type=radio]')[1].setValue(true)
    await wrapper.find('#field-age').setValue('7')
    await wrapper.find('#field-symptom').setValue('不制冷')
    await wrapper.find('#field-community').setValue('盘龙社区')
    await wrapper.find('#field-address').setValue('盘龙路 1 号')
    await wrapper.find('form').trigger('submit')
    await settle()
    const posts = calls.filter((c) => c.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(posts[0].url.searchParams.get('district')).toBe('cq-jiulongpo')
    expect(posts[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
    expect(posts[0].body).toMatchObject({ menuItem: 'FIX', requesterId: 'acc-1', community: '盘龙社区', address: '盘龙路 1 号',
      answers: { appliance: 'fridge', age: 7, symptom: '不制冷' } })
    expect(router.currentRoute.value.fullPath).toBe('/orders/req-1')
    expect(sessionStorage.getItem('practice-web.draft.order.FIX')).toBeNull()
  })

  it('shows the service\'s problem beside the field it names', async () => {
    answerCalls({
      'GET /api/v1/menu/items/FIX': { body: item },
      'GET /api/v1/org-units': { body: { items: [{ unitId: 's-1', communities: ['盘龙社区'] }] } },
      'POST /api/v1/requests': { status: 400, body: { type: 'https://practice.cloud/problems/invalid-field', status: 400,
        detail: "'appliance' must be one of [tv, fridge]", field: 'answers.appliance' } },
    })
    const { wrapper } = await open()
    await wrapper.findAll('input[type=radio]')[0].setValue(true)
    await wrapper.find('#field-symptom').setValue('坏了')
    await wrapper.find('#field-community').setValue('盘龙社区')
    await wrapper.find('#field-address').setValue('盘龙路 1 号')
    await wrapper.find('form').trigger('submit')
    await settle()
    const beside = wrapper.find('#problem-appliance')
    expect(beside.text()).toBe("'appliance' must be one of [tv, fridge]")
    expect(beside.attributes('role')).toBe('alert')
  })
})
