import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import FiguresPage from '../FiguresPage.vue'
import * as words from '../messages'
import {
  changeText, dashboardLink, keyFigures, periodName, periods, previousOf, valueText, type Figure, type FigureRow,
} from '../figures'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { districtToday } from '../../shared/format'

const DISTRICT = 'cq-jiulongpo'

function figureRow(fields: Partial<FigureRow> = {}): FigureRow {
  return {
    period: '2026-03', from: '2026-03-01', to: '2026-03-14', unitId: 'inst-1',
    requests: { submitted: 40, byStatus: { SUBMITTED: 2, REVIEWED: 1, DISPATCHED: 3, ACCEPTED: 1, IN_SERVICE: 1, COMPLETED: 30, REOPENED: 0,
      REJECTED: 1, CANCELLED: 1, EXPIRED: 0 } },
    completionRate: 0.75, slaCompliance: 0.9, escalations: 3, escalatedRequests: 2, locationFlags: 3,
    total: { count: 30, p50Minutes: 125, p90Minutes: 600 },
    satisfaction: { rated: 12, averageRating: 4.58 },
    volunteers: { registered: 80, active: 64, teams: 3 },
    hours: { credit: 120.5, honour: 10 },
    activities: { published: 5, held: 4, volunteersAttended: 30, residentsAttended: 120 },
    ...fields,
  }
}

const PREVIOUS = figureRow({
  period: '2026-02', from: '2026-02-01', to: '2026-02-14', requests: { submitted: 36, byStatus: { COMPLETED: 25, SUBMITTED: 4 } },
  completionRate: 0.6944, slaCompliance: 0.85, escalatedRequests: 4, locationFlags: 1, total: { count: 25, p50Minutes: 200, p90Minutes: 700 },
  satisfaction: { rated: 9, averageRating: 4.4 }, volunteers: { active: 60 }, hours: { credit: 100, honour: 0 },
  activities: { held: 4, volunteersAttended: 20, residentsAttended: 100 },
})

describe('the unit\'s figures', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper

  beforeEach(() => {
    // 2026-03-14 10:00 in Chongqing: a Saturday, two weeks into March.
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-14T02:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-5', practice_district: DISTRICT, practice_role: 'INSTITUTE_ADMIN', practice_unit: 'inst-1' })
    answers = {
      'GET /api/v1/reports/figures': (call) => {
        const from = call.url.searchParams.get('from')!
        const row = from.startsWith('2026-03') ? figureRow({ from, to: call.url.searchParams.get('to')! }) : { ...PREVIOUS, from, to: call.url.searchParams.get('to')! }
        return { body: { items: [row], page: 0, size: 100, total: 1 } }
      },
      'GET /api/v1/org-units/inst-1/subtree': { body: [{ depth: 0, unit: { unitId: 'inst-1', name: '渝州路实践所' } }] },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open() {
    wrapper = (await mountPage(FiguresPage, '/figures', { path: '/figures', name: 'figures' }, [], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
  }

  const asked = () => calls.filter((call) => call.url.pathname === '/api/v1/reports/figures').map((call) => Object.fromEntries(call.url.searchParams))
  const cells = (key: string) => wrapper.find(`[data-testid=figures-row][data-key=${key}]`).findAll('th, td').map((cell) => cell.text())

  it('shows this month so far of the unit and below, next to the same days of last month, in plain words', async () => {
    await open()
    expect(asked()).toEqual([
      { district: DISTRICT, unit: 'inst-1', from: '2026-03-01', to: '2026-03-14', granularity: 'month', view: 'now' },
      { district: DISTRICT, unit: 'inst-1', from: '2026-02-01', to: '2026-02-14', granularity: 'month', view: 'now' },
    ])
    expect(wrapper.find('[data-testid=figures-lead]').text()).toContain('渝州路实践所及下级单位')
    expect(wrapper.find('[data-testid=figures-range]').text()).toBe('统计日期：3月1日–3月14日（截至今天）')
    expect(wrapper.find('[data-testid=figures-before-name]').text()).toBe('对比：上月同期（2月1日–2月14日）')
    expect(cells('submitted')).toEqual(['收到的点单', '40', '36', '+4'])
    expect(cells('completed')).toEqual(['已完成的点单', '30', '25', '+5'])
    expect(cells('open')).toEqual(['仍在办理的点单', '8', '4', '+4'])
    expect(cells('completionRate')).toEqual(['完成率', '75%', '69.4%', '+5.6 个百分点'])
    expect(cells('escalated')).toEqual(['超时上报的点单', '2', '4', '−2'])
    expect(cells('totalTime')).toEqual(['从点单到完成（中位数）', '2 小时 5 分钟', '3 小时 20 分钟', ''])
    expect(cells('rating')).toEqual(['居民平均评分', '4.6 分（12 条评价）', '4.4 分', '+0.2'])
    expect(cells('hours')).toEqual(['志愿服务时长', '130.5 小时', '100 小时', '+30.5 小时'])
    expect(cells('activities')).toEqual(['举办的活动', '4', '4', '持平'])
    expect(cells('attendance')).toEqual(['活动参加人次', '150', '120', '+30'])
    expect(cells('locationFlags')).toEqual(['签到签退位置偏离（待复核）', '3', '1', '+2'])
    expect(wrapper.find('[data-testid=figures-dashboard]').attributes('href'))
      .toBe('/dashboard/?district=cq-jiulongpo&unit=inst-1&from=2026-03-01&to=2026-03-14&granularity=month&view=now')
  })

  it('shows a whole past month against the whole month before, and links the dashboard to it', async () => {
    await open()
    await wrapper.find('[data-testid=figures-period]').setValue('2026-02-01')
    await settle()
    expect(asked().slice(2).map(({ from, to }) => [from, to])).toEqual([['2026-02-01', '2026-02-28'], ['2026-01-01', '2026-01-31']])
    expect(wrapper.find('[data-testid=figures-range]').text()).toBe('统计日期：2月1日–2月28日')
    expect(wrapper.find('[data-testid=figures-before-name]').text()).toBe('对比：2026年1月')
    expect(wrapper.find('[data-testid=figures-dashboard]').attributes('href'))
      .toBe('/dashboard/?district=cq-jiulongpo&unit=inst-1&from=2026-02-01&to=2026-02-28&granularity=month&view=now')
  })

  it('counts by ISO week from Monday when weeks are chosen', async () => {
    await open()
    await wrapper.find('[data-testid=figures-granularity]').setValue('week')
    await settle()
    expect(asked().slice(2)).toEqual([
      { district: DISTRICT, unit: 'inst-1', from: '2026-03-09', to: '2026-03-14', granularity: 'week', view: 'now' },
      { district: DISTRICT, unit: 'inst-1', from: '2026-03-02', to: '2026-03-07', granularity: 'week', view: 'now' },
    ])
    expect(wrapper.findAll('[data-testid=figures-period] option')[0].text()).toBe('本周（3月9日–3月15日）')
  })

  it('shows "—" for what cannot be measured, not zero', async () => {
    answers['GET /api/v1/reports/figures'] = { body: { items: [figureRow({ requests: { submitted: 0, byStatus: {} }, completionRate: 0,
      slaCompliance: 0, total: { count: 0, p50Minutes: null }, satisfaction: { rated: 0, averageRating: null } })] } }
    await open()
    expect(cells('completionRate').slice(1, 3)).toEqual(['—', '—'])
    expect(cells('slaCompliance')[1]).toBe('—')
    expect(cells('totalTime')[1]).toBe('—')
    expect(cells('rating')[1]).toBe('—')
    expect(cells('submitted')[1]).toBe('0')
  })

  it('says in a sentence that the login lacks reports:read, showing no figures', async () => {
    answers['GET /api/v1/reports/figures'] = { status: 403, body: { type: 'https://practice.cloud/problems/insufficient-scope', status: 403,
      detail: 'The token\'s scopes do not allow GET /api/v1/reports/figures' } }
    await open()
    expect(wrapper.find('[data-testid=figures-problem]').text())
      .toBe('您的登录没有查看统计数据的权限（reports:read），请联系平台管理员为工作台开通后重新登录。')
    expect(wrapper.find('[data-testid=figures-table]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=figures-empty]').exists()).toBe(false)
  })

  it('says in a sentence that the role may not read the unit\'s reports', async () => {
    answers['GET /api/v1/reports/figures'] = { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403, detail: 'no' } }
    await open()
    expect(wrapper.find('[data-testid=figures-problem]').text()).toBe('您的身份不能查看这个单位的统计数据。')
  })

  it('shows the figures without a comparison when only the previous period is refused', async () => {
    answers['GET /api/v1/reports/figures'] = (call) => (call.url.searchParams.get('from') === '2026-03-01'
      ? { body: { items: [figureRow()] } }
      : { status: 400, body: { type: 'https://practice.cloud/problems/invalid-field', status: 400, detail: 'too many periods', field: 'granularity' } })
    await open()
    expect(cells('submitted')).toEqual(['收到的点单', '40', '—', ''])
    expect(wrapper.find('[data-testid=figures-problem]').exists()).toBe(false)
  })

  it('has no axe violations', async () => {
    await open()
    expect(wrapper.find('[data-testid=figures-table]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })
})

describe('figures.ts', () => {
  it('takes today in the district\'s zone, whatever the machine\'s', () => {
    expect(districtToday(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01')
    expect(districtToday(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31')
  })

  it('offers periods back across a year\'s turn, the running one up to today', () => {
    expect(periods('month', '2026-01-20', 3).map(({ from, to, end, current }) => [from, to, end, current])).toEqual([
      ['2026-01-01', '2026-01-20', '2026-01-31', true], ['2025-12-01', '2025-12-31', '2025-12-31', false], ['2025-11-01', '2025-11-30', '2025-11-30', false],
    ])
    expect(periods('week', '2026-03-15', 2).map(({ from, end }) => [from, end])).toEqual([['2026-03-09', '2026-03-15'], ['2026-03-02', '2026-03-08']])
    expect(periods('week', '2026-03-16', 1)[0].from).toBe('2026-03-16')
    expect(periods('year', '2026-03-14', 2).map(({ from, to }) => [from, to])).toEqual([['2026-01-01', '2026-03-14'], ['2025-01-01', '2025-12-31']])
  })

  it('compares a running period with the same days before it, clipped to the shorter month', () => {
    const [march] = periods('month', '2026-03-30', 1)
    expect(previousOf(march)).toEqual({ from: '2026-02-01', to: '2026-02-28', partial: true })
    const [lastDay] = periods('month', '2026-03-31', 1)
    expect(previousOf(lastDay)).toEqual({ from: '2026-02-01', to: '2026-02-28', partial: false })
    const [, february] = periods('month', '2026-03-14', 2)
    expect(previousOf(february)).toEqual({ from: '2026-01-01', to: '2026-01-31', partial: false })
    const [year] = periods('year', '2026-03-14', 1)
    expect(previousOf(year)).toEqual({ from: '2025-01-01', to: '2025-03-14', partial: true })
  })

  it('names periods and says values and changes', () => {
    const t = (key: string, values?: Record<string, unknown>) => key.split('.').pop() + (values ? JSON.stringify(values) : '')
    expect(periodName({ granularity: 'month', from: '2026-03-01', end: '2026-03-31' }, 'zh-CN')).toBe('2026年3月')
    expect(periodName({ granularity: 'year', from: '2026-01-01', end: '2026-12-31' }, 'en')).toBe('2026')
    expect(valueText({ kind: 'minutes', value: 1500 }, t, 'zh-CN')).toBe('days{"n":1} hoursOf{"n":1}')
    expect(valueText({ kind: 'minutes', value: 0.4 }, t, 'zh-CN')).toBe('minutes{"n":0}')
    expect(valueText({ kind: 'rate', value: 0.8766 }, t, 'en')).toBe('87.7%')
    const figure = (value: number | null): Figure => ({ key: 'completionRate', kind: 'rate', value })
    expect(changeText(figure(0.5), figure(0.5004), t, 'en')).toBe('same')
    expect(changeText(figure(0.4), figure(0.5), t, 'en')).toBe('points{"sign":"−","n":"10"}')
    expect(changeText(figure(null), figure(0.5), t, 'en')).toBeNull()
    expect(keyFigures({}).find((one) => one.key === 'completionRate')?.value).toBeNull()
  })

  it('links the dashboard in its own terms, English when the console is', () => {
    expect(dashboardLink('cq-jiulongpo', null, { from: '2026-01-01', to: '2026-03-14', granularity: 'year' }, 'en'))
      .toBe('/dashboard/?district=cq-jiulongpo&from=2026-01-01&to=2026-03-14&granularity=year&view=now&lang=en')
  })
})
