import { answer, calls, json, problem } from './fetchStub'
import { beforeEach, describe, expect, it } from 'vitest'
import { DISTRICT, logInAs, mountPage } from './harness'
import HoursPage from '../HoursPage.vue'

const ME = 'vol-me'
const LEDGER = { volunteerId: ME, districtId: DISTRICT, creditHours: 400, honourHours: 50.5, totalHours: 450.5, totalHalfHours: 901,
  stars: 2, nextStarAtHours: 600, thresholds: [100, 300, 600, 1000, 1500], version: 12 }
const RECORD = {
  volunteerId: ME, period: 'MONTH', stars: 2, totals: { creditHours: 3, honourHours: 0, totalHours: 3, totalHalfHours: 6 },
  byPeriod: [{ key: '2026-02', creditHours: 3, honourHours: 0, totalHours: 3, entries: 1 }],
  byPlatform: [{ key: 'CARE', creditHours: 3, honourHours: 0, totalHours: 3, entries: 1 }],
  served: [{ entryId: 'credit-1', kind: 'CREDIT', platform: 'CARE', hours: 3, date: '2026-02-20', servedFrom: '2026-02-20T01:00:00Z', overlapFlagged: true }],
  honour: [{ entryId: 'grant-1', kind: 'HONOUR', hours: 50.5, reason: '抗洪抢险补录', grantedAt: '2026-01-10T02:00:00Z', revoked: false }],
}

function platform(ledger: object = LEDGER) {
  answer((call) => {
    if (call.path === `/api/v1/volunteers/${ME}/hours`) return json(ledger)
    if (call.path === '/api/v1/volunteers/star-levels') return json({ districtId: DISTRICT, thresholds: [100, 300, 600, 1000, 1500], configured: false })
    if (call.path === `/api/v1/volunteers/${ME}/service-record`) return json(RECORD)
    return undefined
  })
}

describe('HoursPage', () => {
  beforeEach(() => logInAs({ role: 'VOLUNTEER', volunteerId: ME }))

  it('asks for the token\'s volunteer\'s hours, ladder and record in the district', async () => {
    platform()
    await mountPage(HoursPage, '/volunteer/hours')
    expect(calls.map((call) => call.path).sort()).toEqual(['/api/v1/volunteers/star-levels', `/api/v1/volunteers/${ME}/hours`,
      `/api/v1/volunteers/${ME}/service-record`])
    expect(calls.every((call) => call.query.get('district') === DISTRICT)).toBe(true)
  })

  it('shows credit and honour hours, the star level and the way to the next', async () => {
    platform()
    const { wrapper } = await mountPage(HoursPage, '/volunteer/hours')
    expect(wrapper.text()).toContain('450.5 小时')
    expect(wrapper.text()).toContain('50.5 小时')
    expect(wrapper.find('.stars').attributes('aria-label')).toBe('2 星')
    const bar = wrapper.find('[role="progressbar"]')
    expect(bar.attributes('aria-valuenow')).toBe('50')
    expect(wrapper.find('.next').text()).toBe('再服务 149.5 小时可达 3 星')
    expect(wrapper.findAll('.ladder li').map((rung) => rung.text())).toEqual(['1 星：100 小时', '2 星：300 小时', '3 星：600 小时', '4 星：1,000 小时', '5 星：1,500 小时'])
  })

  it('says so at the top of the ladder', async () => {
    platform({ ...LEDGER, totalHours: 1600, stars: 5, nextStarAtHours: null })
    const { wrapper } = await mountPage(HoursPage, '/volunteer/hours')
    expect(wrapper.find('.next').text()).toBe('已达到最高星级。')
    expect(wrapper.find('[role="progressbar"]').attributes('aria-valuenow')).toBe('100')
  })

  it('shows the service record by month and platform with each session', async () => {
    platform()
    const { wrapper } = await mountPage(HoursPage, '/volunteer/hours')
    expect(wrapper.text()).toContain('2026-02')
    expect(wrapper.text()).toContain('关爱帮扶')
    expect(wrapper.text()).toContain('与其他服务时间重叠，未重复计算')
    expect(wrapper.text()).toContain('抗洪抢险补录')
  })

  it('shows a problem with a way to try again', async () => {
    answer(() => problem(503, 'unavailable', { detail: 'volunteer-service is unavailable' }))
    const { wrapper } = await mountPage(HoursPage, '/volunteer/hours')
    expect(wrapper.find('[role="alert"]').text()).toBe('volunteer-service is unavailable')
    expect(wrapper.findAll('button').some((button) => button.text() === '重试')).toBe(true)
  })

  it('speaks English when asked', async () => {
    platform()
    const { wrapper } = await mountPage(HoursPage, '/volunteer/hours', 'en')
    expect(wrapper.find('.next').text()).toBe('149.5 more hours to 3 stars')
  })
})
