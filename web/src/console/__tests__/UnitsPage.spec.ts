import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Router } from 'vue-router'
import UnitsPage from '../UnitsPage.vue'
import * as words from '../messages'
import type { Coverage, SubtreeEntry, UnitView } from '../units'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'
const PAST = '2025-06-01'

function unit(fields: Partial<UnitView> & { unitId: string }): UnitView {
  return { districtId: DISTRICT, status: 'ACTIVE', version: 3, establishedOn: '2024-01-01', ...fields }
}

const INSTITUTE = unit({
  unitId: 'i-3', code: 'JLZ', name: '九龙镇实践所', tier: 'INSTITUTE', parentId: 'c-1', divisionCode: '500107001',
  address: '九龙镇正街 1 号', location: { latitude: 29.5, longitude: 106.5 }, maskedContact: '023*****234', openingHours: '周一至周五 9:00-17:00',
  platforms: ['CARE', 'EDUCATION'], communities: ['盘龙社区', '彩云社区', '玉龙社区'], managers: { 'acc-9': 'INSTITUTE_ADMIN' }, version: 7,
})
const PANLONG = unit({ unitId: 's-3-1', name: '盘龙实践站', tier: 'STATION', parentId: 'i-3', communities: ['盘龙社区'] })
const CAIYUN = unit({ unitId: 's-3-2', name: '彩云实践站', tier: 'STATION', parentId: 'i-3', status: 'SUSPENDED', communities: ['彩云社区'] })
const POINT = unit({ unitId: 'p-1', name: '盘龙广场实践点', tier: 'POINT', parentId: 's-3-1' })
const CENTER = unit({ unitId: 'c-1', name: '九龙坡区新时代文明实践中心', tier: 'CENTER' })

/** Today's subtree of the institute, as the API answers it: breadth first. */
const SUBTREE: SubtreeEntry[] = [
  { depth: 0, unit: INSTITUTE }, { depth: 1, unit: PANLONG }, { depth: 1, unit: CAIYUN }, { depth: 2, unit: POINT },
]
/** The subtree on 2025-06-01: the station had its old name, 彩云 did not exist yet. */
const PAST_SUBTREE: SubtreeEntry[] = [
  { depth: 0, unit: { ...INSTITUTE, asOf: PAST } }, { depth: 1, unit: { ...PANLONG, name: '盘龙村实践站', asOf: PAST } },
]

const COVERAGE: Coverage = {
  unitId: 'i-3', asOf: '2026-03-07', coveredBy: { 盘龙社区: 's-3-1', 彩云社区: 's-3-2' }, uncovered: ['玉龙社区'], ratio: 2 / 3,
  grids: { 盘龙社区: ['1网格', '2网格'], 玉龙社区: ['1网格'] }, uncoveredGrids: ['玉龙社区 1网格'], gridRatio: 2 / 3,
}

const PATH = [CENTER, INSTITUTE]

const problem = (status: number, code: string, detail: string, extra: Record<string, unknown> = {}): Answer => ({
  status, body: { type: 'https://practice.cloud/problems/' + code, status, detail, ...extra } })

describe('the units page', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper
  let router: Router

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T02:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'INSTITUTE_ADMIN', practice_unit: 'i-3' })
    const byId: Record<string, UnitView> = { 'i-3': INSTITUTE, 's-3-1': PANLONG, 's-3-2': CAIYUN, 'p-1': POINT, 'c-1': CENTER }
    answers = {
      'GET /api/v1/org-units/i-3/subtree': (call) => ({ body: call.url.searchParams.get('asOf') === PAST ? PAST_SUBTREE : SUBTREE }),
      'GET /api/v1/org-units/i-3': (call) => ({ body: call.url.searchParams.get('asOf') === PAST ? { ...INSTITUTE, asOf: PAST } : INSTITUTE,
        headers: { ETag: '"7"' } }),
      'GET /api/v1/org-units/i-3/path': { body: PATH },
      'GET /api/v1/org-units/i-3/coverage': { body: COVERAGE },
      'POST /api/v1/org-units/i-3/details': { body: { unitId: 'i-3', version: 8 }, headers: { ETag: '"8"' } },
      'POST /api/v1/org-units/i-3/grids': (call) => ({ body: { unitId: 'i-3', ...(call.body as object) } }),
    }
    for (const id of ['s-3-1', 's-3-2', 'p-1']) {
      answers[`GET /api/v1/org-units/${id}`] = { body: byId[id], headers: { ETag: `"${byId[id].version}"` } }
      answers[`GET /api/v1/org-units/${id}/path`] = { body: id === 'p-1' ? [CENTER, INSTITUTE, PANLONG, POINT] : [CENTER, INSTITUTE, byId[id]] }
      answers[`GET /api/v1/org-units/${id}/coverage`] = { body: { unitId: id, coveredBy: {}, uncovered: [], ratio: 0, grids: {}, uncoveredGrids: [], gridRatio: 0 } }
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open(path = '/units') {
    const mounted = await mountPage(UnitsPage, path, { path: '/units', name: 'units' }, [], { console: words })
    wrapper = mounted.wrapper
    router = mounted.router
    document.body.appendChild(wrapper.element)
    await settle()
  }

  const sent = (method: string, path: string) => calls.filter((call) => call.method === method && call.url.pathname === path)
  const query = (call: Call) => Object.fromEntries(call.url.searchParams)
  const last = (found: Call[]) => found[found.length - 1]
  const node = (id: string) => wrapper.find(`[data-testid=units-node][data-unit-id="${id}"]`)
  const shownNodes = () => wrapper.findAll('[data-testid=units-node]').map((row) => row.attributes('data-unit-id'))
  const text = (testid: string) => wrapper.find(`[data-testid=${testid}]`).text()

  describe('the tree', () => {
    it('shows the person\'s unit and the units below it, each with tier, status and name, under its parent', async () => {
      await open()
      expect(sent('GET', '/api/v1/org-units/i-3/subtree').map(query)).toEqual([{ district: DISTRICT, depth: '10' }])
      expect(wrapper.find('[role=tree]').attributes('aria-label')).toBe('组织树：九龙镇实践所')
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 's-3-2'])
      expect(node('i-3').attributes('aria-level')).toBe('1')
      expect(node('i-3').attributes('aria-expanded')).toBe('true')
      expect(node('s-3-1').attributes('aria-level')).toBe('2')
      expect(node('s-3-1').attributes('aria-expanded')).toBe('false')
      expect(node('s-3-2').attributes('aria-expanded')).toBeUndefined()
      expect(node('s-3-2').find('[data-testid=units-node-name]').text()).toBe('彩云实践站')
      expect(node('s-3-2').find('[data-testid=units-node-tier]').text()).toBe('实践站')
      expect(node('s-3-2').find('[data-testid=units-node-status]').text()).toBe('暂停')
      expect(text('units-tree-count')).toBe('共 4 个单位')

      await node('s-3-1').find('[data-testid=units-node-toggle]').trigger('click')
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 'p-1', 's-3-2'])
      expect(node('p-1').attributes('aria-level')).toBe('3')
      expect(node('p-1').find('[data-testid=units-node-tier]').text()).toBe('实践点')
    })

    it('is walked with the keyboard: arrows move and open, Enter selects, and the address says which unit', async () => {
      await open()
      expect(node('i-3').attributes('tabindex')).toBe('0')
      expect(node('s-3-1').attributes('tabindex')).toBe('-1')
      await node('i-3').trigger('keydown', { key: 'ArrowDown' })
      await settle()
      expect(node('s-3-1').attributes('tabindex')).toBe('0')
      expect(document.activeElement?.getAttribute('data-unit-id')).toBe('s-3-1')
      await node('s-3-1').trigger('keydown', { key: 'ArrowRight' })
      expect(shownNodes()).toContain('p-1')
      await node('s-3-1').trigger('keydown', { key: 'Enter' })
      await settle()
      expect(router.currentRoute.value.query).toEqual({ unit: 's-3-1' })
      expect(sent('GET', '/api/v1/org-units/s-3-1').map(query)).toEqual([{ district: DISTRICT }])
      expect(node('s-3-1').attributes('aria-selected')).toBe('true')
      expect(node('i-3').attributes('aria-selected')).toBe('false')
      expect(text('units-unit-name')).toBe('盘龙实践站')
      await node('s-3-1').trigger('keydown', { key: 'ArrowLeft' })
      expect(shownNodes()).not.toContain('p-1')
    })

    it('finds units by name, with the units above them', async () => {
      await open()
      await wrapper.find('[data-testid=units-find]').setValue('广场')
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 'p-1'])
      await wrapper.find('[data-testid=units-find]').setValue('没有这个')
      expect(shownNodes()).toEqual([])
      expect(text('units-find-none')).toBe('没有名称包含“没有这个”的单位。')
    })

    it('starts a district admin without a unit at the district\'s center', async () => {
      sessionStorage.clear()
      logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'DISTRICT_ADMIN' })
      answers['GET /api/v1/org-units'] = { body: { items: [CENTER], page: 0, size: 1, total: 1 } }
      answers['GET /api/v1/org-units/c-1/subtree'] = { body: [{ depth: 0, unit: CENTER }, { depth: 1, unit: INSTITUTE }, { depth: 2, unit: PANLONG }] }
      answers['GET /api/v1/org-units/c-1'] = { body: CENTER }
      answers['GET /api/v1/org-units/c-1/path'] = { body: [CENTER] }
      answers['GET /api/v1/org-units/c-1/coverage'] = { body: COVERAGE }
      await open()
      expect(sent('GET', '/api/v1/org-units').map(query)).toEqual([{ district: DISTRICT, tier: 'CENTER', size: '1' }])
      expect(shownNodes()).toEqual(['c-1', 'i-3'])
      expect(node('c-1').find('[data-testid=units-node-tier]').text()).toBe('实践中心')
      expect(text('units-unit-name')).toBe('九龙坡区新时代文明实践中心')
    })

    it('says so when the district has no center, and shows a refusal of the tree as a sentence', async () => {
      sessionStorage.clear()
      logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'DISTRICT_ADMIN' })
      answers['GET /api/v1/org-units'] = { body: { items: [], page: 0, size: 1, total: 0 } }
      await open()
      expect(text('units-tree-note')).toBe('本区还没有实践中心，组织树是空的。')
      expect(wrapper.find('[role=tree]').exists()).toBe(false)
      wrapper.unmount()

      sessionStorage.clear()
      logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'INSTITUTE_ADMIN', practice_unit: 'i-3' })
      answers['GET /api/v1/org-units/i-3/subtree'] = problem(403, 'forbidden', 'The caller may not read the tree')
      await open()
      expect(text('units-tree-problem')).toBe('您没有权限这样操作。')
      expect(wrapper.find('[role=tree]').exists()).toBe(false)
    })
  })

  describe('as of a day', () => {
    it('asks for the tree as it was and shows it, with the unit as it was; back to today shows today\'s', async () => {
      await open()
      expect(text('units-as-of-shown')).toBe('显示的是今天的组织树。')
      await wrapper.find('[data-testid=units-as-of]').setValue(PAST)
      await wrapper.find('[data-testid=units-as-of-form]').trigger('submit')
      await settle()
      expect(router.currentRoute.value.query).toEqual({ asOf: PAST })
      expect(query(sent('GET', '/api/v1/org-units/i-3/subtree')[1])).toEqual({ district: DISTRICT, depth: '10', asOf: PAST })
      expect(query(last(sent('GET', '/api/v1/org-units/i-3')))).toEqual({ district: DISTRICT, asOf: PAST })
      expect(query(last(sent('GET', '/api/v1/org-units/i-3/path')))).toEqual({ district: DISTRICT, asOf: PAST })
      expect(query(last(sent('GET', '/api/v1/org-units/i-3/coverage')))).toEqual({ district: DISTRICT, asOf: PAST })
      expect(shownNodes()).toEqual(['i-3', 's-3-1'])
      expect(node('s-3-1').find('[data-testid=units-node-name]').text()).toBe('盘龙村实践站')
      expect(text('units-as-of-shown')).toBe('显示的是 2025/6/1 的组织树。')
      expect(wrapper.find('[data-testid=units-as-of-note]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=units-edit-past]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=units-details-edit]').exists()).toBe(false)

      await wrapper.find('[data-testid=units-as-of-today]').trigger('click')
      await settle()
      expect(router.currentRoute.value.query).toEqual({})
      expect(query(last(sent('GET', '/api/v1/org-units/i-3/subtree')))).toEqual({ district: DISTRICT, depth: '10' })
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 's-3-2'])
      expect(wrapper.find('[data-testid=units-details-edit]').exists()).toBe(true)
    })

    it('keeps the selected unit when the day changes, and says when the unit did not exist then', async () => {
      answers['GET /api/v1/org-units/s-3-2'] = (call) => (call.url.searchParams.get('asOf')
        ? problem(404, 'not-found', "unit 's-3-2' does not exist") : { body: CAIYUN })
      await open('/units?unit=s-3-2')
      expect(text('units-unit-name')).toBe('彩云实践站')
      await wrapper.find('[data-testid=units-as-of]').setValue(PAST)
      await wrapper.find('[data-testid=units-as-of-form]').trigger('submit')
      await settle()
      expect(router.currentRoute.value.query).toEqual({ unit: 's-3-2', asOf: PAST })
      expect(text('units-unit-note')).toBe('2025/6/1 时没有编号为“s-3-2”的单位。')
      expect(wrapper.find('[data-testid=units-details]').exists()).toBe(false)
    })

    it('ignores a day in the address that is not a date, and shows today\'s tree', async () => {
      await open('/units?asOf=yesterday')
      expect(sent('GET', '/api/v1/org-units/i-3/subtree').map(query)).toEqual([{ district: DISTRICT, depth: '10' }])
      expect(text('units-as-of-shown')).toBe('显示的是今天的组织树。')
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 's-3-2'])
    })
  })

  describe('a unit', () => {
    it('shows the selected unit\'s details, its path from the center and its managers', async () => {
      await open()
      expect(sent('GET', '/api/v1/org-units/i-3').map(query)).toEqual([{ district: DISTRICT }])
      expect(text('units-unit-name')).toBe('九龙镇实践所')
      expect(text('units-unit-code')).toBe('JLZ')
      expect(text('units-unit-tier')).toBe('实践所')
      expect(text('units-unit-status')).toBe('运行中')
      expect(text('units-unit-division')).toBe('500107001')
      expect(text('units-unit-address')).toBe('九龙镇正街 1 号')
      expect(text('units-unit-location')).toBe('29.5, 106.5')
      expect(text('units-unit-contact')).toBe('023*****234')
      expect(text('units-unit-hours')).toBe('周一至周五 9:00-17:00')
      expect(text('units-unit-platforms')).toBe('教育服务、关爱帮扶')
      expect(text('units-unit-communities')).toBe('盘龙社区、彩云社区、玉龙社区')
      expect(text('units-unit-established')).toBe('2024/1/1')
      expect(wrapper.findAll('[data-testid=units-manager]').map((row) => row.text())).toEqual(['acc-9实践所管理员'])
      expect(wrapper.findAll('[data-testid=units-path-step]').map((step) => step.text())).toEqual(['九龙坡区新时代文明实践中心'])
      expect(text('units-path-here')).toBe('九龙镇实践所')
    })

    it('shows the coverage with the communities and grids no station covers named plainly', async () => {
      await open()
      expect(sent('GET', '/api/v1/org-units/i-3/coverage').map(query)).toEqual([{ district: DISTRICT }])
      expect(text('units-coverage-ratio')).toBe('社区覆盖：2 / 3 个（67%）')
      expect(wrapper.findAll('[data-testid=units-gap]').map((gap) => gap.text())).toEqual(['玉龙社区'])
      expect(text('units-coverage-grid-ratio')).toBe('网格覆盖：2 / 3 个（67%）')
      expect(wrapper.findAll('[data-testid=units-grid-gap]').map((gap) => gap.text())).toEqual(['玉龙社区 1网格'])
      const rows = wrapper.findAll('[data-testid=units-coverage-row]')
      expect(rows.map((row) => [row.attributes('data-community'), row.attributes('data-covered')])).toEqual([
        ['玉龙社区', 'false'], ['盘龙社区', 'true'], ['彩云社区', 'true']])
      expect(rows[0].text()).toBe('玉龙社区无实践站覆盖1网格')
      expect(rows[1].text()).toBe('盘龙社区盘龙实践站1网格、2网格')
      expect(rows[2].text()).toBe('彩云社区彩云实践站未登记')
    })

    it('says when nothing is declared below, and when every community is covered', async () => {
      answers['GET /api/v1/org-units/i-3/coverage'] = { body: { unitId: 'i-3', coveredBy: {}, uncovered: [], ratio: 0, grids: {}, uncoveredGrids: [], gridRatio: 0 } }
      await open()
      expect(text('units-coverage-empty')).toBe('下级还没有申报社区，无法计算覆盖情况。')
      expect(wrapper.find('[data-testid=units-gap]').exists()).toBe(false)
      wrapper.unmount()
      answers['GET /api/v1/org-units/i-3/coverage'] = { body: { unitId: 'i-3', coveredBy: { 盘龙社区: 's-3-1' }, uncovered: [], ratio: 1, grids: {}, uncoveredGrids: [], gridRatio: 0 } }
      await open()
      expect(text('units-gaps-none')).toBe('每个社区都有实践站覆盖。')
      expect(text('units-coverage-no-grids')).toBe('这些社区还没有登记网格。')
    })

    it('selects the unit the address names, and a step of the path selects that unit', async () => {
      await open('/units?unit=p-1')
      expect(sent('GET', '/api/v1/org-units/p-1').map(query)).toEqual([{ district: DISTRICT }])
      expect(text('units-unit-name')).toBe('盘龙广场实践点')
      expect(node('p-1').attributes('aria-selected')).toBe('true')
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 'p-1', 's-3-2'])
      await wrapper.findAll('[data-testid=units-path-step]')[2].trigger('click')
      await settle()
      expect(router.currentRoute.value.query).toEqual({ unit: 's-3-1' })
      expect(text('units-unit-name')).toBe('盘龙实践站')
    })

    it('says so when the address names a unit that does not exist', async () => {
      answers['GET /api/v1/org-units/nope'] = problem(404, 'not-found', "unit 'nope' does not exist")
      await open('/units?unit=nope')
      expect(text('units-unit-note')).toBe('没有找到编号为“nope”的单位，请检查链接。')
      expect(wrapper.find('[data-testid=units-details]').exists()).toBe(false)
      expect(shownNodes()).toEqual(['i-3', 's-3-1', 's-3-2'])
      expect(wrapper.find('[aria-selected=true]').exists()).toBe(false)
    })

    it('shows a refusal of the coverage as a sentence and the details still', async () => {
      answers['GET /api/v1/org-units/i-3/coverage'] = problem(403, 'forbidden', 'no')
      await open()
      expect(text('units-coverage-problem')).toBe('您没有权限这样操作。')
      expect(text('units-unit-address')).toBe('九龙镇正街 1 号')
    })
  })

  describe('changing the details', () => {
    async function openForm() {
      await open()
      await wrapper.find('[data-testid=units-details-open]').trigger('click')
    }

    it('is filled in from the unit and sends every detail with If-Match, then shows the unit read again', async () => {
      let version = 7
      answers['GET /api/v1/org-units/i-3'] = () => ({ body: { ...INSTITUTE, version, openingHours: version > 7 ? '每天 8:00-18:00' : INSTITUTE.openingHours }, headers: { ETag: `"${version}"` } })
      answers['POST /api/v1/org-units/i-3/details'] = () => {
        version = 8
        return { body: { unitId: 'i-3', version: 8 } }
      }
      await openForm()
      expect((wrapper.find('[data-testid=units-details-division]').element as HTMLInputElement).value).toBe('500107001')
      expect((wrapper.find('[data-testid=units-details-communities]').element as HTMLTextAreaElement).value).toBe('盘龙社区\n彩云社区\n玉龙社区')
      expect((wrapper.find('[data-testid=units-details-platform-CARE]').element as HTMLInputElement).checked).toBe(true)
      await wrapper.find('[data-testid=units-details-contact]').setValue(' 023-6878 1234 ')
      await wrapper.find('[data-testid=units-details-hours]').setValue('每天 8:00-18:00')
      await wrapper.find('[data-testid=units-details-platform-LEGAL]').setValue(true)
      await wrapper.find('[data-testid=units-details-communities]').setValue('盘龙社区\n\n 彩云社区 \n玉龙社区\n金凤社区')
      await wrapper.find('[data-testid=units-details-effective]').setValue('2026-04-01')
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()

      const [post] = sent('POST', '/api/v1/org-units/i-3/details')
      expect(query(post)).toEqual({ district: DISTRICT })
      expect(post.headers.get('If-Match')).toBe('"7"')
      expect(post.body).toEqual({
        divisionCode: '500107001', contact: '023-6878 1234', openingHours: '每天 8:00-18:00', platforms: ['EDUCATION', 'LEGAL', 'CARE'],
        communities: ['盘龙社区', '彩云社区', '玉龙社区', '金凤社区'], effectiveDate: '2026-04-01',
      })
      expect(sent('GET', '/api/v1/org-units/i-3')).toHaveLength(2)
      expect(text('units-unit-hours')).toBe('每天 8:00-18:00')
      expect(text('units-done')).toBe('单位信息已保存。')
    })

    it('clears the contact only when asked to, and checks the fields before sending', async () => {
      await openForm()
      await wrapper.find('[data-testid=units-details-division]').setValue('12ab')
      await wrapper.find('[data-testid=units-details-communities]').setValue('盘龙社区\n盘龙社区')
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/org-units/i-3/details')).toHaveLength(0)
      expect(text('units-details-division-problem')).toBe('行政区划代码须是 6 到 12 位数字。')
      expect(text('units-details-contact-problem')).toBe('请重新填写完整的联系电话，或勾选“清除联系电话”。')
      expect(text('units-details-communities-problem')).toBe('“盘龙社区”重复了。')
      expect(wrapper.find('[data-testid=units-details-division]').attributes('aria-invalid')).toBe('true')

      await wrapper.find('[data-testid=units-details-division]').setValue('')
      await wrapper.find('[data-testid=units-details-communities]').setValue('盘龙社区')
      await wrapper.find('[data-testid=units-details-clear-contact]').setValue(true)
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/org-units/i-3/details').map((call) => call.body)).toEqual([{
        openingHours: '周一至周五 9:00-17:00', platforms: ['EDUCATION', 'CARE'], communities: ['盘龙社区'] }])
    })

    it('shows a refusal as a sentence and changes nothing else', async () => {
      answers['POST /api/v1/org-units/i-3/details'] = problem(403, 'forbidden', "The caller may not change unit 'i-3'")
      await openForm()
      await wrapper.find('[data-testid=units-details-contact]').setValue('02368781234')
      await wrapper.find('[data-testid=units-details-hours]').setValue('周末')
      const reads = calls.filter((call) => call.method === 'GET').length
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/org-units/i-3/details')).toHaveLength(1)
      expect(text('units-details-problem')).toBe('您没有权限这样操作。')
      expect(calls.filter((call) => call.method === 'GET').length).toBe(reads)
      expect((wrapper.find('[data-testid=units-details-hours]').element as HTMLInputElement).value).toBe('周末')
      expect(text('units-unit-hours')).toBe('周一至周五 9:00-17:00')
      expect(wrapper.find('[data-testid=units-done]').exists()).toBe(false)
    })

    it('names the station a community already belongs to', async () => {
      answers['POST /api/v1/org-units/i-3/details'] = problem(409, 'community-covered', "Community '彩云社区' is already covered by 's-3-2'")
      await openForm()
      await wrapper.find('[data-testid=units-details-contact]').setValue('02368781234')
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(text('units-details-problem')).toBe('社区“彩云社区”已经由另一个开放的实践站（彩云实践站）负责。')
      expect(sent('GET', '/api/v1/org-units/i-3')).toHaveLength(1)
    })

    it('shows a refusal naming a field beside it', async () => {
      answers['POST /api/v1/org-units/i-3/details'] = problem(422, 'effective-date-before-last-change', "'i-3' last changed with effect from 2026-03-01", { field: 'effectiveDate' })
      await openForm()
      await wrapper.find('[data-testid=units-details-clear-contact]').setValue(true)
      await wrapper.find('[data-testid=units-details-effective]').setValue('2026-02-01')
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(text('units-details-effective-problem')).toBe('生效日期不能早于这个单位（或这个社区的网格）上次变更的生效日期。')
    })

    it('reads the unit again when it changed meanwhile (412) and says so', async () => {
      answers['POST /api/v1/org-units/i-3/details'] = problem(412, 'stale-version', "'i-3' changed since you read it", { currentVersion: 9 })
      await openForm()
      await wrapper.find('[data-testid=units-details-clear-contact]').setValue(true)
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(sent('GET', '/api/v1/org-units/i-3')).toHaveLength(2)
      expect(text('units-changed')).toBe('这个单位刚被别人修改过，已重新加载。请核对后再保存。')
    })
  })

  describe('registering grids', () => {
    async function openForm() {
      await open()
      await wrapper.find('[data-testid=units-grids-open]').trigger('click')
    }

    it('fills in the community\'s grids as registered, sends the new list without If-Match, and shows the coverage read again', async () => {
      let grids = ['1网格', '2网格']
      answers['GET /api/v1/org-units/i-3/coverage'] = () => ({ body: { ...COVERAGE, grids: { ...COVERAGE.grids, 盘龙社区: grids } } })
      answers['POST /api/v1/org-units/i-3/grids'] = (call) => {
        grids = (call.body as { grids: string[] }).grids
        return { body: { unitId: 'i-3', community: '盘龙社区', grids } }
      }
      await openForm()
      await wrapper.find('[data-testid=units-grids-community]').setValue('盘龙社区')
      expect((wrapper.find('[data-testid=units-grids-list]').element as HTMLTextAreaElement).value).toBe('1网格\n2网格')
      expect(text('units-grids-now')).toBe('现在登记的网格：1网格、2网格')
      await wrapper.find('[data-testid=units-grids-list]').setValue('1网格\n2网格\n 3网格 \n')
      await wrapper.find('[data-testid=units-grids-form]').trigger('submit')
      await settle()
      const [post] = sent('POST', '/api/v1/org-units/i-3/grids')
      expect(post.body).toEqual({ community: '盘龙社区', grids: ['1网格', '2网格', '3网格'] })
      expect(query(post)).toEqual({ district: DISTRICT })
      expect(post.headers.get('If-Match')).toBeNull()
      expect(sent('GET', '/api/v1/org-units/i-3/coverage')).toHaveLength(2)
      expect(wrapper.find('[data-testid=units-coverage-row][data-community=盘龙社区]').text()).toBe('盘龙社区盘龙实践站1网格、2网格、3网格')
      expect(text('units-done')).toBe('“盘龙社区”的网格已保存。')
    })

    it('asks for a community and distinct grids before sending', async () => {
      await openForm()
      await wrapper.find('[data-testid=units-grids-list]').setValue('1网格\n1网格')
      await wrapper.find('[data-testid=units-grids-form]').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/org-units/i-3/grids')).toHaveLength(0)
      expect(text('units-grids-community-problem')).toBe('请选择社区。')
      expect(text('units-grids-list-problem')).toBe('“1网格”重复了。')
    })

    it('shows a refusal as a sentence and changes nothing else', async () => {
      answers['POST /api/v1/org-units/i-3/grids'] = problem(422, 'community-not-declared', "'i-3' does not declare community '玉龙社区'", { field: 'community' })
      await openForm()
      await wrapper.find('[data-testid=units-grids-community]').setValue('玉龙社区')
      const reads = calls.filter((call) => call.method === 'GET').length
      await wrapper.find('[data-testid=units-grids-form]').trigger('submit')
      await settle()
      expect(text('units-grids-community-problem')).toBe('这个单位不负责这个社区，不能为它登记网格。')
      expect(calls.filter((call) => call.method === 'GET').length).toBe(reads)
      expect(wrapper.find('[data-testid=units-done]').exists()).toBe(false)
    })

    it('is not offered for a closed unit', async () => {
      answers['GET /api/v1/org-units/s-3-2'] = { body: { ...CAIYUN, status: 'CLOSED', closedOn: '2026-02-01' } }
      await open('/units?unit=s-3-2')
      expect(text('units-edit-closed')).toBe('这个单位已撤销，不能再修改。')
      expect(text('units-unit-closed')).toBe('2026/2/1')
      expect(wrapper.find('[data-testid=units-grids-edit]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=units-details-edit]').exists()).toBe(false)
    })
  })

  describe('accessibility', () => {
    it('has no axe violations with a unit, its coverage, both forms open and a field problem shown', async () => {
      await open('/units?unit=i-3')
      await wrapper.find('[data-testid=units-details-open]').trigger('click')
      await wrapper.find('[data-testid=units-grids-open]').trigger('click')
      await wrapper.find('[data-testid=units-details-division]').setValue('x')
      await wrapper.find('[data-testid=units-details-form]').trigger('submit')
      await settle()
      expect(wrapper.find('[data-testid=units-details-division-problem]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=units-gap]').exists()).toBe(true)
      expect(await axeViolations()).toEqual([])
    })

    it('has no axe violations as of a past day with a unit that did not exist then', async () => {
      answers['GET /api/v1/org-units/s-3-2'] = problem(404, 'not-found', 'no')
      await open(`/units?unit=s-3-2&asOf=${PAST}`)
      expect(wrapper.find('[data-testid=units-unit-note]').exists()).toBe(true)
      expect(await axeViolations()).toEqual([])
    })
  })
})
