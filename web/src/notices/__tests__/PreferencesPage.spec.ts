import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import PreferencesPage from '../PreferencesPage.vue'
import { answerCalls, logInAs, mountPage, settle, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { DISTRICT } from './inboxServer'

const KINDS = [{ kind: 'order-offered', urgent: false }, { kind: 'order-completed', urgent: false }, { kind: 'sla-warning', urgent: true }]

function preferences(fields: object = {}) {
  return { sms: ['order-offered', 'sla-warning'], wechat: ['order-completed', 'order-offered', 'sla-warning'], quietHours: null,
    wechatBound: false, kinds: KINDS, ...fields }
}

describe('the notice settings', () => {
  let wrapper: VueWrapper
  let calls: Call[]
  let router: Awaited<ReturnType<typeof mountPage>>['router']

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  async function open(shown: object, put: (call: Call) => { status?: number; body: unknown } = (call) => ({ body: { ...preferences(), ...(call.body as object) } })) {
    calls = answerCalls({ 'GET /api/v1/notices/preferences': { body: shown }, 'PUT /api/v1/notices/preferences': put })
    ;({ wrapper, router } = await mountPage(PreferencesPage, '/notices/preferences', { path: '/notices/preferences', name: 'prefs' },
      [{ path: '/notices', name: 'notices' }]))
    document.body.appendChild(wrapper.element)
    await settle()
  }

  const box = (testid: string) => wrapper.find(`[data-testid=${testid}]`).element as HTMLInputElement
  const put = () => calls.filter((call) => call.method === 'PUT')

  it('shows a switch per kind and channel as the person chose, urgent kinds explained', async () => {
    await open(preferences())
    expect(calls[0].url.searchParams.get('district')).toBe(DISTRICT)
    const kinds = wrapper.findAll('[data-testid=preference-kind]')
    expect(kinds.map((kind) => kind.find('legend').text())).toEqual(['有订单派给我', '我的订单已完成', '订单即将超时（本单位） 紧急'])
    expect([box('sms-order-offered').checked, box('sms-order-completed').checked, box('sms-sla-warning').checked]).toEqual([true, false, true])
    expect(box('sms-order-offered').getAttribute('role')).toBe('switch')
    expect(kinds[2].text()).toContain('免打扰时段内也会立即发送')
    expect(kinds[0].text()).not.toContain('免打扰时段内也会立即发送')
    expect(box('quiet-on').checked).toBe(false)
    expect(wrapper.find('[data-testid=quiet-from]').exists()).toBe(false)
  })

  it('keeps the WeChat switches off limits with a hint until WeChat is bound', async () => {
    await open(preferences())
    expect(box('wechat-order-offered').disabled).toBe(true)
    expect(box('wechat-order-offered').getAttribute('aria-describedby')).toBe('wechat-state')
    expect(wrapper.find('#wechat-state').text()).toContain('还没有绑定微信')
    expect(box('sms-order-offered').disabled).toBe(false)
    wrapper.unmount()
    await open(preferences({ wechatBound: true }))
    expect(box('wechat-order-offered').disabled).toBe(false)
    expect(box('wechat-order-offered').checked).toBe(true)
    expect(wrapper.find('#wechat-state').text()).toContain('已绑定微信')
  })

  it('saves the switches and the quiet hours with PUT and shows the server\'s answer', async () => {
    await open(preferences({ wechatBound: true }), (call) => ({ body: { ...preferences({ wechatBound: true }), ...(call.body as object),
      sms: ['order-completed', 'sla-warning'] } }))
    await wrapper.find('[data-testid=sms-order-completed]').setValue(true)
    await wrapper.find('[data-testid=sms-order-offered]').setValue(false)
    await wrapper.find('[data-testid=wechat-order-offered]').setValue(false)
    await wrapper.find('[data-testid=quiet-on]').setValue(true)
    await wrapper.find('[data-testid=quiet-from]').setValue('22:30')
    await wrapper.find('[data-testid=quiet-until]').setValue('06:30')
    await wrapper.find('[data-testid=preferences-form]').trigger('submit')
    await settle()
    expect(put()).toHaveLength(1)
    expect(put()[0].url.searchParams.get('district')).toBe(DISTRICT)
    expect(put()[0].body).toEqual({ sms: ['sla-warning', 'order-completed'], wechat: ['order-completed', 'sla-warning'],
      quietHours: { from: '22:30', until: '06:30' } })
    expect(wrapper.find('[data-testid=preferences-saved]').text()).toBe('已保存。')
    expect([box('sms-order-offered').checked, box('sms-order-completed').checked]).toEqual([false, true])
    expect((wrapper.find('[data-testid=quiet-from]').element as HTMLInputElement).value).toBe('22:30')
  })

  it('sends no quiet hours once they are turned off', async () => {
    await open(preferences({ quietHours: { from: '23:00', until: '07:00' } }))
    expect((wrapper.find('[data-testid=quiet-until]').element as HTMLInputElement).value).toBe('07:00')
    await wrapper.find('[data-testid=quiet-on]').setValue(false)
    await wrapper.find('[data-testid=preferences-form]').trigger('submit')
    await settle()
    expect(put()).toHaveLength(1)
    expect(put()[0].body).toEqual({ sms: ['order-offered', 'sla-warning'], wechat: ['order-completed', 'order-offered', 'sla-warning'] })
  })

  it('refuses quiet hours that start when they end before sending, beside "until"', async () => {
    await open(preferences({ quietHours: { from: '22:00', until: '07:00' } }))
    await wrapper.find('[data-testid=quiet-until]').setValue('22:00')
    await wrapper.find('[data-testid=preferences-form]').trigger('submit')
    await settle()
    expect(put()).toHaveLength(0)
    expect(wrapper.find('#quiet-until-problem').text()).toBe('开始和结束不能是同一时间。')
    expect(box('quiet-until').getAttribute('aria-describedby')).toBe('quiet-until-problem')
  })

  it('shows the server\'s refusal beside the field it names: a time, or the kind of a list entry', async () => {
    await open(preferences({ quietHours: { from: '22:00', until: '07:00' } }), () => ({ status: 400, body: {
      type: 'https://practice.cloud/problems/invalid-field', status: 400, errors: [
        { field: 'quietHours.from', message: 'must match "([01][0-9]|2[0-3]):[0-5][0-9]"' },
        { field: 'sms[1]', message: 'sms[1] must be one of [order-offered]' }] } }))
    await wrapper.find('[data-testid=preferences-form]').trigger('submit')
    await settle()
    expect(wrapper.find('#quiet-from-problem').text()).toBe('格式不对。')
    expect(box('quiet-from').getAttribute('aria-invalid')).toBe('true')
    expect(wrapper.find('[data-kind=sla-warning] [role=alert]').text()).toBe('sms[1] must be one of [order-offered]')
    expect(wrapper.find('[data-kind=order-offered] [role=alert]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=preferences-saved]').exists()).toBe(false)
  })

  it('goes back to the inbox', async () => {
    await open(preferences())
    await wrapper.find('button.back').trigger('click')
    await settle()
    expect(router.currentRoute.value.path).toBe('/notices')
  })

  it('has no axe violations, WeChat unbound and quiet hours shown', async () => {
    await open(preferences({ quietHours: { from: '22:00', until: '07:00' } }))
    expect(await axeViolations()).toEqual([])
  })
})
