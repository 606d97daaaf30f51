import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import MenuPage from '../MenuPage.vue'
import * as words from '../messages'
import type { MenuItemView } from '../menu'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'

function escort(fields: Partial<MenuItemView> = {}): MenuItemView {
  return {
    itemId: DISTRICT + '/CARE-ESCORT', districtId: DISTRICT, code: 'CARE-ESCORT', name: '陪同就医', platform: 'CARE', description: '老人复诊需陪同',
    keywords: ['就医'], minimumSkillLevel: 2, expectedMinutes: 120, peopleNeeded: 1, offeringUnitIds: [], reopenWindow: 'PT168H', active: true,
    version: 3, sla: { REVIEW: 'PT2H', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H' },
    fields: [
      { code: 'hospital', label: '医院', datatype: 'SINGLEVALUELIST', required: true, order: 1, values: [{ key: 'rmyy', name: '区人民医院' }] },
      { code: 'when', label: '就诊时间', datatype: 'DATETIME', required: false, order: 2, values: [] },
    ],
    ...fields,
  }
}

const LECTURE: MenuItemView = {
  itemId: DISTRICT + '/LECTURE', districtId: DISTRICT, code: 'LECTURE', name: '政策宣讲', platform: 'THEORY_LECTURES', active: true, version: 1,
  minimumSkillLevel: 1, expectedMinutes: 60, peopleNeeded: 1, fields: [], sla: { REVIEW: 'PT1H30M', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H' },
}
const OLD: MenuItemView = {
  itemId: DISTRICT + '/OLD', districtId: DISTRICT, code: 'OLD', name: '旧服务', platform: 'CARE', active: false, version: 5, fields: [],
  sla: { REVIEW: 'PT2H', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H' },
}
const DEFAULTS = { REVIEW: 'PT2H', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H', reopenWindow: 'PT168H' }

const problem = (status: number, code: string, extra: Record<string, unknown>): Answer => ({
  status, body: { type: 'https://practice.cloud/problems/' + code, status, detail: 'refused', ...extra } })

describe('the district\'s service menu', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper
  let items: MenuItemView[]

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'DISTRICT_ADMIN', practice_unit: 'center' })
    items = [escort(), LECTURE, OLD]
    answers = {
      'GET /api/v1/menu/items': () => ({ body: items }),
      'GET /api/v1/menu/items/CARE-ESCORT': () => {
        const item = items.find((one) => one.code === 'CARE-ESCORT')!
        return { body: item, headers: { ETag: `"${item.version}"` } }
      },
      'PUT /api/v1/menu/items/CARE-ESCORT': (call) => {
        const body = call.body as MenuItemView
        items = items.map((one) => (one.code === 'CARE-ESCORT' ? { ...one, ...body, version: one.version! + 2 } : one))
        return { body: { itemId: DISTRICT + '/CARE-ESCORT', code: 'CARE-ESCORT' } }
      },
      'GET /api/v1/menu/defaults': { body: DEFAULTS },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open() {
    wrapper = (await mountPage(MenuPage, '/menu', { path: '/menu', name: 'menu' }, [], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
  }

  const sent = (method: string, path: string) => calls.filter((call) => call.method === method && call.url.pathname === path)
  const row = (code: string) => wrapper.find(`[data-testid=menu-item][data-code="${code}"]`)
  const field = (index: number) => wrapper.findAll('[data-testid=menu-field]')[index]

  async function edit(code = 'CARE-ESCORT') {
    await row(code).find('[data-testid=menu-item-edit]').trigger('click')
    await settle()
  }

  async function save() {
    await wrapper.find('[data-testid=menu-editor] form').trigger('submit')
    await settle()
  }

  it('lists the offered items with their platform and time limits per stage; retired ones and a platform on request', async () => {
    await open()
    expect(Object.fromEntries(sent('GET', '/api/v1/menu/items')[0].url.searchParams)).toEqual({ district: DISTRICT, includeRetired: 'true' })
    expect(wrapper.findAll('[data-testid=menu-item]').map((one) => one.attributes('data-code'))).toEqual(['CARE-ESCORT', 'LECTURE'])
    expect(row('CARE-ESCORT').findAll('td').map((cell) => cell.text()).slice(0, 7))
      .toEqual(['CARE-ESCORT', '关爱帮扶', '在用', '2 小时', '4 小时', '8 小时', '3 天'])
    expect(row('LECTURE').find('[data-testid=menu-item-sla-REVIEW]').text()).toBe('1 小时 30 分钟')
    await wrapper.find('[data-testid=menu-show-retired]').setValue(true)
    expect(row('OLD').find('[data-testid=menu-item-status]').text()).toBe('已下架')
    expect(row('OLD').find('[data-testid=menu-item-edit]').exists()).toBe(false)
    await wrapper.find('[data-testid=menu-platform]').setValue('THEORY_LECTURES')
    expect(wrapper.findAll('[data-testid=menu-item]').map((one) => one.attributes('data-code'))).toEqual(['LECTURE'])
  })

  describe('editing an item', () => {
    it('sends the whole item with its fields in the order shown, the limits as ISO durations and the version read (If-Match)', async () => {
      await open()
      await edit()
      expect(sent('GET', '/api/v1/menu/items/CARE-ESCORT')).toHaveLength(1)
      expect(wrapper.find('[data-testid=menu-editor-name]').element).toHaveProperty('value', '陪同就医')
      expect(wrapper.find('[data-testid=menu-sla-COMPLETE-hours]').element).toHaveProperty('value', '72')

      await wrapper.find('[data-testid=menu-editor-name]').setValue('陪同就医（含取药）')
      await wrapper.find('[data-testid=menu-sla-REVIEW-hours]').setValue('1')
      await wrapper.find('[data-testid=menu-sla-REVIEW-minutes]').setValue('30')
      await wrapper.find('[data-testid=menu-sla-DISPATCH-hours]').setValue('')
      await wrapper.find('[data-testid=menu-sla-DISPATCH-minutes]').setValue('')
      // A new question: one choice, two choices, must be answered; then moved to the top.
      await wrapper.find('[data-testid=menu-field-add]').trigger('click')
      await field(2).find('[data-testid=menu-field-label]').setValue('是否需要轮椅')
      await field(2).find('[data-testid=menu-field-code]').setValue('wheelchair')
      await field(2).find('[data-testid=menu-field-datatype]').setValue('SINGLEVALUELIST')
      await field(2).find('[data-testid=menu-field-required]').setValue(true)
      await field(2).find('[data-testid=menu-field-value-key]').setValue('yes')
      await field(2).find('[data-testid=menu-field-value-name]').setValue('需要')
      await field(2).find('[data-testid=menu-field-add-value]').trigger('click')
      await field(2).findAll('[data-testid=menu-field-value-key]')[1].setValue('no')
      await field(2).findAll('[data-testid=menu-field-value-name]')[1].setValue('不需要')
      await field(2).find('[data-testid=menu-field-up]').trigger('click')
      expect(document.activeElement).toBe(field(1).find('[data-testid=menu-field-up]').element)
      await field(1).find('[data-testid=menu-field-up]').trigger('click')
      // At the top its "up" is disabled: the focus stays on the question, on its "down".
      expect(document.activeElement).toBe(field(0).find('[data-testid=menu-field-down]').element)
      // The appointment's time is no longer asked.
      await field(2).find('[data-testid=menu-field-remove]').trigger('click')
      expect(wrapper.findAll('[data-testid=menu-field]').map((one) => one.find('[data-testid=menu-field-code]').element))
        .toMatchObject([{ value: 'wheelchair' }, { value: 'hospital' }])

      await save()
      const [put] = sent('PUT', '/api/v1/menu/items/CARE-ESCORT')
      expect(put.headers.get('If-Match')).toBe('"3"')
      expect(put.url.searchParams.get('district')).toBe(DISTRICT)
      expect(put.body).toEqual({
        name: '陪同就医（含取药）', platform: 'CARE', description: '老人复诊需陪同', keywords: ['就医'], minimumSkillLevel: 2, expectedMinutes: 120,
        peopleNeeded: 1, offeringUnitIds: [],
        fields: [
          { code: 'wheelchair', label: '是否需要轮椅', datatype: 'SINGLEVALUELIST', required: true, order: 1,
            values: [{ key: 'yes', name: '需要' }, { key: 'no', name: '不需要' }] },
          { code: 'hospital', label: '医院', datatype: 'SINGLEVALUELIST', required: true, order: 2, values: [{ key: 'rmyy', name: '区人民医院' }] },
        ],
        sla: { REVIEW: 'PT1H30M', ACCEPT: 'PT8H', COMPLETE: 'PT72H' }, reopenWindow: 'PT168H',
      })
      expect(wrapper.find('[data-testid=menu-editor]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=menu-done]').text()).toBe('“陪同就医（含取药）”已发布。')
      expect(row('CARE-ESCORT').find('[data-testid=menu-item-name]').text()).toBe('陪同就医（含取药）')
      expect(row('CARE-ESCORT').find('[data-testid=menu-item-sla-REVIEW]').text()).toBe('1 小时 30 分钟')
    })

    it('shows the mistakes it can see beside their fields, sending nothing', async () => {
      await open()
      await edit()
      await field(0).find('[data-testid=menu-field-label]').setValue(' ')
      await field(0).find('[data-testid=menu-field-value-remove]').trigger('click')
      await field(1).find('[data-testid=menu-field-code]').setValue('hospital')
      await wrapper.find('[data-testid=menu-sla-ACCEPT-minutes]').setValue('75')
      await save()
      expect(sent('PUT', '/api/v1/menu/items/CARE-ESCORT')).toHaveLength(0)
      expect(field(0).find('[data-testid=menu-field-label-problem]').text()).toBe('请填写此项。')
      expect(field(0).find('[data-testid=menu-field-values-problem]').text()).toBe('单选和多选至少要有一个选项。')
      expect(field(1).find('[data-testid=menu-field-code-problem]').text()).toBe('和问题 1 的编号重复。')
      expect(wrapper.find('[data-testid=menu-sla-ACCEPT-problem]').text()).toBe('分钟须是 0 到 59 的整数。')
      expect(wrapper.find('[data-testid=menu-sla-ACCEPT-minutes]').attributes('aria-invalid')).toBe('true')
      expect(document.activeElement).toBe(field(0).find('[data-testid=menu-field-label]').element)
    })

    it('shows the API\'s field problems beside the field they name, and the others with the form', async () => {
      await open()
      await edit()
      answers['PUT /api/v1/menu/items/CARE-ESCORT'] = problem(400, 'invalid-field', { errors: [
        { field: 'fields[1].label', message: 'size must be between 0 and 100' },
        { field: 'sla[COMPLETE]', message: 'must not be blank' },
        { field: 'fields[1].order', message: 'must be less than or equal to 1000' },
      ] })
      await save()
      expect(field(1).find('[data-testid=menu-field-label-problem]').text()).toBe('长度须在 0 到 100 之间。')
      expect(field(0).find('[data-testid=menu-field-label-problem]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=menu-sla-COMPLETE-problem]').text()).toBe('请填写此项。')
      expect(wrapper.find('[data-testid=menu-editor-other-problems]').text()).toContain('不能大于 1000。')

      answers['PUT /api/v1/menu/items/CARE-ESCORT'] = problem(422, 'invalid-field', { detail: 'sla.REVIEW must be between PT1S and P30D', field: 'sla.REVIEW' })
      await save()
      expect(wrapper.find('[data-testid=menu-sla-REVIEW-problem]').text()).toBe('sla.REVIEW must be between PT1S and P30D')
      expect(wrapper.find('[data-testid=menu-sla-COMPLETE-problem]').exists()).toBe(false)
    })

    it('loads the item again when it changed meanwhile (412), and sends the new version next time', async () => {
      await open()
      await edit()
      await wrapper.find('[data-testid=menu-editor-name]').setValue('我的修改')
      answers['PUT /api/v1/menu/items/CARE-ESCORT'] = () => {
        items = [escort({ name: '别人的修改', version: 9 }), LECTURE, OLD]
        return problem(412, 'stale-version', {})
      }
      await save()
      expect(wrapper.find('[data-testid=menu-editor-problem]').text()).toBe('这个项目刚被别人修改过，已重新载入最新内容，请在此基础上再改。')
      expect(wrapper.find('[data-testid=menu-editor-name]').element).toHaveProperty('value', '别人的修改')
      answers['PUT /api/v1/menu/items/CARE-ESCORT'] = { body: { code: 'CARE-ESCORT' } }
      await save()
      expect(sent('PUT', '/api/v1/menu/items/CARE-ESCORT').map((call) => call.headers.get('If-Match'))).toEqual(['"3"', '"9"'])
    })

    it('shows a refusal (not a district admin) as a sentence', async () => {
      await open()
      await edit()
      answers['PUT /api/v1/menu/items/CARE-ESCORT'] = problem(403, 'forbidden', {})
      await save()
      expect(wrapper.find('[data-testid=menu-editor-problem]').text()).toBe('您没有权限这样操作。')
      expect(wrapper.find('[data-testid=menu-editor]').exists()).toBe(true)
    })

    it('keeps what was typed, with the version it was based on, across a reload of the page', async () => {
      await open()
      await edit()
      await wrapper.find('[data-testid=menu-editor-name]').setValue('还没发布的名称')
      await settle()
      wrapper.unmount()
      await open()
      expect(wrapper.find('[data-testid=menu-editor-restored]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=menu-editor-name]').element).toHaveProperty('value', '还没发布的名称')
      await save()
      const [put] = sent('PUT', '/api/v1/menu/items/CARE-ESCORT')
      expect(put.headers.get('If-Match')).toBe('"3"')
      expect(put.body).toMatchObject({ name: '还没发布的名称' })
      wrapper.unmount()
      await open()
      expect(wrapper.find('[data-testid=menu-editor]').exists()).toBe(false)
    })
  })

  describe('a new item', () => {
    it('is sent under its code without If-Match, the limits left empty taken from the district', async () => {
      answers['PUT /api/v1/menu/items/READING'] = (call) => {
        items = [...items, { ...(call.body as MenuItemView), code: 'READING', active: true, version: 1 }]
        return { body: { code: 'READING' } }
      }
      await open()
      await wrapper.find('[data-testid=menu-add]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=menu-sla-REVIEW-hint]').text()).toBe('不填则为 2 小时')
      await wrapper.find('[data-testid=menu-editor-code]').setValue('CARE-ESCORT')
      await wrapper.find('[data-testid=menu-editor-name]').setValue('读书会')
      await wrapper.find('[data-testid=menu-editor-platform]').setValue('CULTURE')
      await save()
      expect(wrapper.find('[data-testid=menu-editor-code-problem]').text()).toBe('这个编号已经有服务项目在用（包括已下架的）。')
      expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0)

      await wrapper.find('[data-testid=menu-editor-code]').setValue('READING')
      await wrapper.find('[data-testid=menu-editor-people]').setValue('3')
      await wrapper.find('[data-testid=menu-sla-COMPLETE-hours]').setValue('48')
      await save()
      const [put] = sent('PUT', '/api/v1/menu/items/READING')
      expect(put.headers.get('If-Match')).toBeNull()
      expect(put.body).toEqual({ name: '读书会', platform: 'CULTURE', keywords: [], minimumSkillLevel: 1, expectedMinutes: 60, peopleNeeded: 3,
        fields: [], offeringUnitIds: [], sla: { COMPLETE: 'PT48H' } })
      expect(row('READING').exists()).toBe(true)
      expect(wrapper.find('[data-testid=menu-done]').text()).toBe('“读书会”已发布。')
    })
  })

  describe('retiring', () => {
    it('asks first, sends only when confirmed, and shows the item retired', async () => {
      answers['POST /api/v1/menu/items/LECTURE/retire'] = () => {
        items = items.map((one) => (one.code === 'LECTURE' ? { ...one, active: false, version: 2 } : one))
        return { body: { itemId: DISTRICT + '/LECTURE', active: false } }
      }
      await open()
      await row('LECTURE').find('[data-testid=menu-item-retire]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=menu-retire-confirm]').text()).toContain('下架“政策宣讲”（LECTURE）？')
      expect(document.activeElement).toBe(wrapper.find('[data-testid=menu-retire-yes]').element)
      await wrapper.find('[data-testid=menu-retire-no]').trigger('click')
      expect(wrapper.find('[data-testid=menu-retire-confirm]').exists()).toBe(false)
      expect(sent('POST', '/api/v1/menu/items/LECTURE/retire')).toHaveLength(0)

      await row('LECTURE').find('[data-testid=menu-item-retire]').trigger('click')
      await settle()
      await wrapper.find('[data-testid=menu-retire-yes]').trigger('click')
      await settle()
      const [post] = sent('POST', '/api/v1/menu/items/LECTURE/retire')
      expect(post.url.searchParams.get('district')).toBe(DISTRICT)
      expect(wrapper.find('[data-testid=menu-done]').text()).toBe('“政策宣讲”已下架。')
      expect(row('LECTURE').exists()).toBe(false)
      await wrapper.find('[data-testid=menu-show-retired]').setValue(true)
      expect(row('LECTURE').find('[data-testid=menu-item-status]').text()).toBe('已下架')
    })

    it('says so when someone retired it meanwhile (409), and shows it retired', async () => {
      answers['POST /api/v1/menu/items/LECTURE/retire'] = () => {
        items = items.map((one) => (one.code === 'LECTURE' ? { ...one, active: false, version: 2 } : one))
        return problem(409, 'illegal-transition', { detail: 'already retired' })
      }
      await open()
      await row('LECTURE').find('[data-testid=menu-item-retire]').trigger('click')
      await settle()
      await wrapper.find('[data-testid=menu-retire-yes]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=menu-retire-problem]').text()).toBe('这个项目已经下架了。')
      expect(row('LECTURE').exists()).toBe(false)
    })

    it('shows any other refusal as a sentence in the confirmation', async () => {
      answers['POST /api/v1/menu/items/LECTURE/retire'] = problem(403, 'forbidden', {})
      await open()
      await row('LECTURE').find('[data-testid=menu-item-retire]').trigger('click')
      await settle()
      await wrapper.find('[data-testid=menu-retire-yes]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=menu-retire-problem]').text()).toBe('您没有权限这样操作。')
    })
  })

  describe('the district\'s defaults', () => {
    it('shows them as hours and minutes and saves what was typed as ISO durations', async () => {
      answers['PUT /api/v1/menu/defaults'] = (call) => ({ body: { ...DEFAULTS, ...(call.body as { sla: object }).sla, reopenWindow: 'PT168H' } })
      await open()
      expect(wrapper.find('[data-testid=menu-defaults-COMPLETE-hours]').element).toHaveProperty('value', '72')
      await wrapper.find('[data-testid=menu-defaults-REVIEW-hours]').setValue('0')
      await wrapper.find('[data-testid=menu-defaults-REVIEW-minutes]').setValue('45')
      await wrapper.find('[data-testid=menu-defaults-reopen-hours]').setValue('')
      await wrapper.find('[data-testid=menu-defaults-reopen-minutes]').setValue('')
      await wrapper.find('[data-testid=menu-defaults] form').trigger('submit')
      await settle()
      const [put] = sent('PUT', '/api/v1/menu/defaults')
      expect(put.url.searchParams.get('district')).toBe(DISTRICT)
      expect(put.body).toEqual({ sla: { REVIEW: 'PT45M', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H' } })
      expect(wrapper.find('[data-testid=menu-defaults-done]').text()).toBe('全区默认时限已保存。')
      expect(wrapper.find('[data-testid=menu-defaults-REVIEW-minutes]').element).toHaveProperty('value', '45')
      expect(wrapper.find('[data-testid=menu-defaults-reopen-hours]').element).toHaveProperty('value', '168')
    })

    it('refuses a limit over 30 days before sending, and shows the API\'s problem beside the stage it names', async () => {
      await open()
      await wrapper.find('[data-testid=menu-defaults-COMPLETE-hours]').setValue('800')
      await wrapper.find('[data-testid=menu-defaults] form').trigger('submit')
      await settle()
      expect(sent('PUT', '/api/v1/menu/defaults')).toHaveLength(0)
      expect(wrapper.find('[data-testid=menu-defaults-COMPLETE-problem]').text()).toBe('时限最长 30 天（720 小时）。')

      answers['PUT /api/v1/menu/defaults'] = problem(400, 'invalid-field', { detail: 'sla.DISPATCH must be between PT1S and P30D', field: 'sla.DISPATCH' })
      await wrapper.find('[data-testid=menu-defaults-COMPLETE-hours]').setValue('72')
      await wrapper.find('[data-testid=menu-defaults] form').trigger('submit')
      await settle()
      expect(wrapper.find('[data-testid=menu-defaults-DISPATCH-problem]').text()).toBe('sla.DISPATCH must be between PT1S and P30D')
    })

    it('says when the district has set none', async () => {
      answers['GET /api/v1/menu/defaults'] = { body: {} }
      await open()
      expect(wrapper.find('[data-testid=menu-defaults-not-set]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=menu-defaults-REVIEW-hint]').text()).toBe('平台默认 2 小时')
    })
  })

  describe('accessibility', () => {
    it('the list, an item\'s editor with its problems and the defaults have no axe violations', async () => {
      await open()
      await edit()
      await field(0).find('[data-testid=menu-field-label]').setValue('')
      await save()
      expect(field(0).find('[data-testid=menu-field-label-problem]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=menu-field-values]').exists()).toBe(true)
      expect(await axeViolations()).toEqual([])
    })

    it('the retirement\'s confirmation has no axe violations', async () => {
      await open()
      await row('LECTURE').find('[data-testid=menu-item-retire]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=menu-retire-confirm]').exists()).toBe(true)
      expect(await axeViolations()).toEqual([])
    })
  })
})
