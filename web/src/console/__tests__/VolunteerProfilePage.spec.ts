import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import VolunteerProfilePage from '../VolunteerProfilePage.vue'
import * as words from '../messages'
import type { VolunteerView } from '../volunteers'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'

function volunteer(fields: Partial<VolunteerView> = {}): VolunteerView {
  return {
    volunteerId: 'vol-7', districtId: DISTRICT, maskedName: '李*华', homeUnitId: 'st-1', status: 'PAUSED', contactConsent: true,
    registeredAt: '2026-02-01T02:00:00Z', languages: ['zh-CN', 'en'], skills: [{ platform: 'LEGAL', level: 4 }],
    availability: [{ day: 'SUNDAY', from: '14:00', to: '17:00' }, { day: 'SATURDAY', from: '09:00', to: '12:00' }],
    unavailableDates: ['2026-03-14'],
    personal: { name: '李小华', phone: '13800001111', birthDate: '1990-05-06', idNumber: '5001**********5678' },
    ...fields,
  }
}

describe('a volunteer\'s profile', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    answers = {
      'GET /api/v1/volunteers/vol-7': { body: volunteer() },
      'GET /api/v1/volunteers/vol-7/hours': { body: { volunteerId: 'vol-7', totalHours: 42.5, creditHours: 40.5, honourHours: 2, stars: 1, nextStarAtHours: 300 } },
      'GET /api/v1/volunteers/vol-7/honour-hours': { body: [
        { entryId: 'grant|grant-1', kind: 'HONOUR', source: 'HONOUR', sourceId: 'grant-1', hours: 2, reason: '抗洪抢险', reference: '区文明办〔2026〕3号', grantedBy: 'acc-1', grantedAt: '2026-03-01T02:00:00Z' }] },
      'GET /api/v1/volunteers/vol-7/certificates': { body: [] },
      'GET /api/v1/teams': { body: { items: [{ teamId: 'team-1', name: '盘龙关爱服务队', unitId: 'st-1', leaderVolunteerId: 'vol-7', members: [] }], page: 0, size: 50, total: 1 } },
      'GET /api/v1/org-units/st-1/subtree': { body: [{ depth: 0, unit: { unitId: 'st-1', name: '盘龙实践站' } }] },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open() {
    wrapper = (await mountPage(VolunteerProfilePage, '/volunteers/vol-7', { path: '/volunteers/:volunteerId', name: 'volunteer' },
      [{ path: '/volunteers', name: 'volunteers' }], { console: words })).wrapper
    await settle()
  }

  const query = (path: string) => calls.filter((call) => call.url.pathname === path).map((call) => Object.fromEntries(call.url.searchParams))

  it('shows the volunteer as the API gives them to this admin: masked name, real-name details, skills, availability', async () => {
    await open()
    expect(query('/api/v1/volunteers/vol-7')).toEqual([{ district: DISTRICT }])
    expect(wrapper.find('[data-testid=volunteer-name]').text()).toBe('李*华')
    expect(wrapper.find('[data-testid=volunteer-status]').text()).toBe('暂停')
    expect(wrapper.find('[data-testid=volunteer-unit]').text()).toBe('盘龙实践站')
    expect(wrapper.find('[data-testid=volunteer-skills]').text()).toBe('法律服务 4 级')
    expect(wrapper.find('[data-testid=volunteer-availability]').text()).toBe('周六 09:00–12:00；周日 14:00–17:00')
    expect(wrapper.find('[data-testid=volunteer-phone]').text()).toBe('13800001111')
    expect(wrapper.find('[data-testid=volunteer-id-number]').text()).toBe('5001**********5678')
  })

  it('shows no real-name details when the API gives none (a sub-center admin\'s masked read)', async () => {
    answers['GET /api/v1/volunteers/vol-7'] = { body: volunteer({ personal: undefined }) }
    await open()
    expect(wrapper.find('[data-testid=volunteer-name]').text()).toBe('李*华')
    expect(wrapper.find('[data-testid=volunteer-personal]').exists()).toBe(false)
  })

  it('shows hours, stars, the honour hours granted and the teams', async () => {
    await open()
    expect(query('/api/v1/volunteers/vol-7/hours')).toEqual([{ district: DISTRICT }])
    expect(query('/api/v1/teams')).toEqual([{ district: DISTRICT, volunteerId: 'vol-7' }])
    expect(wrapper.find('[data-testid=hours-total]').text()).toBe('42.5 小时')
    expect(wrapper.find('[data-testid=hours-stars]').text()).toBe('1')
    expect(wrapper.find('[data-testid=honour]').text()).toContain('抗洪抢险 (区文明办〔2026〕3号)')
    expect(wrapper.find('[data-testid=volunteer-team]').text()).toBe('盘龙关爱服务队 · 盘龙实践站 · 队长')
  })

  it('shows a part the API refuses in its place and the rest still', async () => {
    answers['GET /api/v1/volunteers/vol-7/hours'] = { status: 403, body: { type: 'https://practice.cloud/problems/forbidden', status: 403, detail: 'no' } }
    await open()
    expect(wrapper.find('[data-testid=hours-problem]').text()).toBe('您没有权限这样操作。')
    expect(wrapper.find('[data-testid=volunteer-skills]').exists()).toBe(true)
  })

  describe('honour hours', () => {
    const GRANT = { entryId: 'grant|grant-1', kind: 'HONOUR', source: 'HONOUR', sourceId: 'grant-1', hours: 2, reason: '抗洪抢险', reference: '区文明办〔2026〕3号', grantedBy: 'acc-1', grantedAt: '2026-03-01T02:00:00Z' }
    let honours: object[]
    const posts = (path: string) => calls.filter((call) => call.method === 'POST' && call.url.pathname === path)

    beforeEach(() => {
      honours = [GRANT]
      answers['GET /api/v1/volunteers/vol-7/honour-hours'] = () => ({ body: honours })
    })

    /** In the document, for focus and the accessibility check. */
    async function openAttached() {
      await open()
      document.body.appendChild(wrapper.element)
    }

    async function type(testid: string, value: string) {
      await wrapper.find(`[data-testid=${testid}]`).setValue(value)
    }

    it('grants hours with a reason and a reference, once per draft, and the totals follow', async () => {
      let total = 42.5
      answers['GET /api/v1/volunteers/vol-7/hours'] = () => ({ body: { volunteerId: 'vol-7', totalHours: total, honourHours: total - 40.5, stars: 1 } })
      answers['POST /api/v1/volunteers/vol-7/honour-hours'] = () => {
        honours = [{ ...GRANT, entryId: 'grant|grant-2', sourceId: 'grant-2', hours: 3.5, reason: '疫情防控', reference: undefined, grantedAt: '2026-03-07T09:00:00Z', grantedBy: 'acc-9' }, GRANT]
        total = 46
        return { status: 201, body: { grantId: 'grant-2', volunteerId: 'vol-7', halfHours: 7, grantedBy: 'acc-9' } }
      }
      await openAttached()
      await type('honour-hours', '3.5')
      await type('honour-reason', ' 疫情防控 ')
      await wrapper.find('[data-testid=honour-grant]').trigger('submit')
      await settle()
      const sent = posts('/api/v1/volunteers/vol-7/honour-hours')
      expect(sent.map((call) => call.body)).toEqual([{ hours: 3.5, reason: '疫情防控' }])
      expect(Object.fromEntries(sent[0].url.searchParams)).toEqual({ district: DISTRICT })
      expect(sent[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
      expect(wrapper.find('[data-testid=honours-done]').text()).toBe('已授予 3.5 小时荣誉时长。')
      expect(wrapper.findAll('[data-testid=honour]').map((row) => row.attributes('data-grant-id'))).toEqual(['grant-2', 'grant-1'])
      expect(wrapper.find('[data-testid=hours-total]').text()).toBe('46 小时')
      expect((wrapper.find('[data-testid=honour-hours]').element as HTMLInputElement).value).toBe('')
    })

    it('names wrong hours and a missing reason beside them and sends nothing', async () => {
      await openAttached()
      for (const [hours, problem] of [['', '请填写。'], ['1.25', '时长以半小时计，例如 2 或 2.5。'], ['0', '时长须在 0.5 到 2000 小时之间。'], ['2000.5', '时长须在 0.5 到 2000 小时之间。']]) {
        await type('honour-hours', hours)
        await wrapper.find('[data-testid=honour-grant]').trigger('submit')
        await settle()
        expect(wrapper.find('[data-testid=honour-hours-problem]').text()).toBe(problem)
        expect(wrapper.find('[data-testid=honour-reason-problem]').text()).toBe('请填写。')
      }
      expect(posts('/api/v1/volunteers/vol-7/honour-hours')).toEqual([])
    })

    it('revokes a grant with a reason after asking once more, and shows who revoked it and why', async () => {
      answers['POST /api/v1/volunteers/vol-7/honour-hours/grant-1/revoke'] = () => {
        honours = [{ ...GRANT, revoked: true, revokedBy: 'acc-9', revokedAt: '2026-03-07T09:00:00Z', revocationReason: '重复登记' }]
        return { body: { grantId: 'grant-1', revokedBy: 'acc-9', version: 3 } }
      }
      await openAttached()
      await wrapper.find('[data-testid=honour-revoke-grant-1]').trigger('click')
      await wrapper.find('[data-testid=honour-revoke-ask]').trigger('click')
      expect(wrapper.find('[data-testid=honour-revoke-reason-problem]').text()).toBe('请填写。')
      await type('honour-revoke-reason', '重复登记')
      await wrapper.find('[data-testid=honour-revoke-ask]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=honour-revoke-confirm]').text()).toContain('撤销这笔 2 小时的荣誉时长？')
      expect(document.activeElement?.getAttribute('data-testid')).toBe('honour-revoke-yes')
      expect(posts('/api/v1/volunteers/vol-7/honour-hours/grant-1/revoke')).toEqual([])
      expect(await axeViolations()).toEqual([])
      await wrapper.find('[data-testid=honour-revoke-yes]').trigger('click')
      await settle()
      expect(posts('/api/v1/volunteers/vol-7/honour-hours/grant-1/revoke').map((call) => call.body)).toEqual([{ reason: '重复登记' }])
      expect(wrapper.find('[data-testid=honour-revocation]').text()).toBe('acc-9 于 3/7 17:00 撤销：重复登记')
      expect(wrapper.find('[data-testid=honour-revoke-grant-1]').exists()).toBe(false)
    })

    it('says a refusal in words: revoked meanwhile by someone else', async () => {
      answers['POST /api/v1/volunteers/vol-7/honour-hours/grant-1/revoke'] = () => {
        honours = [{ ...GRANT, revoked: true, revokedBy: 'acc-2', revokedAt: '2026-03-07T08:59:00Z', revocationReason: '核实有误' }]
        return { status: 409, body: { type: 'https://practice.cloud/problems/already-revoked', status: 409, detail: "Grant 'grant-1' was revoked already" } }
      }
      await openAttached()
      await wrapper.find('[data-testid=honour-revoke-grant-1]').trigger('click')
      await type('honour-revoke-reason', '重复登记')
      await wrapper.find('[data-testid=honour-revoke-ask]').trigger('click')
      await wrapper.find('[data-testid=honour-revoke-yes]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=honour-revoke-problem]').text()).toBe('这笔荣誉时长已经撤销了。')
      expect(wrapper.find('[data-testid=honour-revocation]').text()).toContain('核实有误')
    })

    it('lets a sub-center admin read the grants but offers no change', async () => {
      logInAs({ sub: 'acc-8', practice_district: DISTRICT, practice_role: 'SUBCENTER_ADMIN', practice_unit: 'sc-1' })
      answers['GET /api/v1/org-units/sc-1/subtree'] = { body: [{ depth: 0, unit: { unitId: 'sc-1', name: '分中心' } }] }
      await openAttached()
      expect(wrapper.find('[data-testid=honour]').text()).toContain('抗洪抢险')
      expect(wrapper.find('[data-testid=honour-grant]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=honour-revoke-grant-1]').exists()).toBe(false)
    })
  })

  it('answers a volunteer out of sight as the API does: not found', async () => {
    answers['GET /api/v1/volunteers/vol-7'] = { status: 404, body: { type: 'https://practice.cloud/problems/not-found', status: 404, detail: 'not found' } }
    await open()
    expect(wrapper.find('[data-testid=volunteer-problem]').text()).toBe('没有找到，可能已被删除。')
    expect(wrapper.find('[data-testid=volunteer-name]').exists()).toBe(false)
  })
})
