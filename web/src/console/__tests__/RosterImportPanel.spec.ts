import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import VolunteersPage from '../VolunteersPage.vue'
import * as words from '../messages'
import { contentTypeOf } from '../roster'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'
const CSV = '姓名,证件号码,手机号码,所属站点\n张小明,500107199005041231,13812345678,st-1\n'
const REFUSED: Answer = { status: 422, body: {
  type: 'https://practice.cloud/problems/roster-invalid', status: 422, rows: 30, badRows: 2,
  detail: '2 of 30 rows cannot be imported; nothing was stored. Mend them and send the whole file again',
  problems: [{ row: 3, field: 'phone', message: 'not a mainland mobile number' },
    { row: 3, field: 'homeUnit', message: "'st-9' is not a unit of this district where you may register volunteers" },
    { row: 17, field: 'idNumber', message: 'the same ID number as row 4' }] } }

function view(status: string, registered: number) {
  return { importId: 'imp-0123456789abcdef01234567', districtId: DISTRICT, startedBy: 'acc-9', status, rows: 30, alreadyThere: 2,
    toRegister: 28, batches: 1, batchesDone: status === 'DONE' ? 1 : 0, registered, existing: 0, honourGrants: 5, problems: [],
    receivedAt: '2026-03-07T08:59:00Z', finishedAt: status === 'DONE' ? '2026-03-07T09:00:05Z' : null }
}

describe('the roster import on the volunteers page', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    answers = {
      'GET /api/v1/volunteers/applications': { body: { items: [], page: 0, size: 50, total: 0 } },
      'GET /api/v1/volunteers': { body: { items: [], page: 0, size: 20, total: 0 } },
      'GET /api/v1/teams': { body: { items: [], page: 0, size: 50, total: 0 } },
      'GET /api/v1/org-units/st-1/subtree': { body: [] },
      'GET /api/v1/volunteers/imports': { body: [] },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open() {
    wrapper = (await mountPage(VolunteersPage, '/volunteers', { path: '/volunteers', name: 'volunteers' },
      [{ path: '/volunteers/:volunteerId', name: 'volunteer' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
  }

  async function chooseAndSend(name = 'roster.csv', text = CSV, type = 'text/csv') {
    const input = wrapper.find('[data-testid=roster-file]')
    Object.defineProperty(input.element, 'files', { value: [new File([text], name, { type })], configurable: true })
    await input.trigger('change')
    await wrapper.find('form.send').trigger('submit')
    await settle()
  }

  const sent = (method: string, path: string) => calls.filter((call) => call.method === method && call.url.pathname === path)

  it('sends the file as it is, as CSV, and lists every bad row of a refusal with its column in the page\'s words', async () => {
    answers['POST /api/v1/volunteers/imports'] = REFUSED
    await open()
    expect(wrapper.find('[data-testid=roster-send]').attributes('disabled')).toBeDefined()
    await chooseAndSend()
    const [post] = sent('POST', '/api/v1/volunteers/imports')
    expect(post.url.searchParams.get('district')).toBe(DISTRICT)
    expect(post.headers.get('Content-Type')).toBe('text/csv; charset=UTF-8')
    expect(post.body).toBe(CSV)
    const refused = wrapper.find('[data-testid=roster-refused]')
    expect(refused.attributes('role')).toBe('alert')
    expect(refused.text()).toContain('2 行不合格（共 30 行），整份名册没有导入任何数据')
    expect(refused.findAll('tbody tr').map((tr) => tr.findAll('td').map((td) => td.text()))).toEqual([
      ['3', '手机号码', 'not a mainland mobile number'],
      ['3', '所属站点', "'st-9' is not a unit of this district where you may register volunteers"],
      ['17', '证件号码', 'the same ID number as row 4'],
    ])
    expect(sent('POST', '/api/v1/volunteers/imports')).toHaveLength(1)
    expect(await axeViolations()).toEqual([])
  })

  it('follows an accepted import every 2 s to its end and lists it', async () => {
    let reads = 0
    answers['POST /api/v1/volunteers/imports'] = { status: 202, body: view('QUEUED', 0) }
    answers['GET /api/v1/volunteers/imports/imp-0123456789abcdef01234567'] = () => ({ body: ++reads < 2 ? view('RUNNING', 14) : view('DONE', 28) })
    await open()
    answers['GET /api/v1/volunteers/imports'] = { body: [view('DONE', 28)] }
    await chooseAndSend()
    expect(wrapper.find('[data-testid=roster-status]').text()).toBe('排队中')
    expect(wrapper.find('[data-testid=roster-progress]').text()).toContain('2 人此前已由名册登记')
    await vi.advanceTimersByTimeAsync(2100)
    await settle()
    expect(wrapper.find('[data-testid=roster-status]').text()).toBe('登记中')
    expect(wrapper.find('[data-testid=roster-progress]').text()).toContain('已登记 14 / 28 人')
    await vi.advanceTimersByTimeAsync(2100)
    await settle()
    expect(wrapper.find('[data-testid=roster-status]').text()).toBe('已完成')
    expect(wrapper.find('progress').attributes('value')).toBe('28')
    await vi.advanceTimersByTimeAsync(6000)
    expect(reads).toBe(2)
    expect(wrapper.find('[data-testid=roster-imports] tbody tr').text()).toContain('已完成')
  })

  it('says when the same file was imported before', async () => {
    answers['POST /api/v1/volunteers/imports'] = { status: 200, body: view('DONE', 28) }
    await open()
    await chooseAndSend('名册.json', '[]', '')
    expect(sent('POST', '/api/v1/volunteers/imports')[0].headers.get('Content-Type')).toBe('application/json')
    expect(wrapper.find('[data-testid=roster-progress]').text()).toContain('这份名册之前已导入过')
  })

  it('is not offered to sub-center admins, whom the API lets import nothing', async () => {
    logInAs({ sub: 'acc-8', practice_district: DISTRICT, practice_role: 'SUBCENTER_ADMIN', practice_unit: 'st-1' })
    await open()
    expect(wrapper.find('[data-testid=roster-import]').exists()).toBe(false)
  })

  it('tells JSON from CSV by type or name', () => {
    expect(contentTypeOf({ name: 'a.JSON', type: '' })).toBe('application/json')
    expect(contentTypeOf({ name: 'export', type: 'application/json' })).toBe('application/json')
    expect(contentTypeOf({ name: '名册.csv', type: 'application/vnd.ms-excel' })).toBe('text/csv; charset=UTF-8')
  })
})
