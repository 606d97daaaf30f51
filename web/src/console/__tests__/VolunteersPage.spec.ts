import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import VolunteersPage from '../VolunteersPage.vue'
import * as words from '../messages'
import type { ApplicationView, TeamView, VolunteerView } from '../volunteers'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'

function application(fields: Partial<ApplicationView> = {}): ApplicationView {
  return {
    volunteerId: 'vol-1', districtId: DISTRICT, maskedName: '张*明', homeUnitId: 'st-2', status: 'PENDING', version: 0,
    appliedAt: '2026-03-07T01:30:00Z', languages: ['zh-CN'],
    skills: [{ platform: 'CARE', level: 3 }, { platform: 'EDUCATION', level: 2 }],
    availability: [{ day: 'SATURDAY', from: '14:00', to: '17:00' }, { day: 'MONDAY', from: '18:30', to: '20:30' }],
    unavailableDates: ['2026-03-21'],
    ...fields,
  }
}

const VOLUNTEER: VolunteerView = {
  volunteerId: 'vol-7', districtId: DISTRICT, maskedName: '李*华', homeUnitId: 'st-1', status: 'ACTIVE',
  registeredAt: '2026-02-01T02:00:00Z', skills: [{ platform: 'LEGAL', level: 4 }],
}

const TEAM: TeamView = {
  teamId: 'team-1', name: '盘龙关爱服务队', unitId: 'st-1', status: 'ACTIVE', platforms: ['CARE', 'HEALTH_SPORTS'], capacity: 30,
  leaderVolunteerId: 'vol-7', members: [{ volunteerId: 'vol-7' }, { volunteerId: 'vol-8' }],
}

const SUBTREE = [
  { depth: 0, unit: { unitId: 'st-1', name: '盘龙实践站' } },
  { depth: 1, unit: { unitId: 'st-2', name: '盘龙一社区', parentId: 'st-1' } },
]

const problem = (status: number, code: string, detail: string, field?: string): Answer => ({
  status, body: { type: 'https://practice.cloud/problems/' + code, status, detail, ...(field ? { field } : {}) } })

describe('the volunteers page', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    answers = {
      'GET /api/v1/volunteers/applications': { body: { items: [application()], page: 0, size: 50, total: 1 } },
      'GET /api/v1/volunteers': { body: { items: [VOLUNTEER], page: 0, size: 20, total: 1 } },
      'GET /api/v1/teams': { body: { items: [TEAM], page: 0, size: 50, total: 1 } },
      'GET /api/v1/org-units/st-1/subtree': { body: SUBTREE },
      'POST /api/v1/volunteers/vol-1/approval': (call) => ({ body: { volunteerId: 'vol-1', status: (call.body as { decision: string }).decision === 'APPROVE' ? 'APPROVED' : 'REFUSED', version: 2 } }),
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

  const sent = (method: string, path: string) => calls.filter((call) => call.method === method && call.url.pathname === path)
  const query = (call: Call) => Object.fromEntries(call.url.searchParams)
  const row = (id = 'vol-1') => wrapper.find(`[data-testid=application][data-volunteer-id="${id}"]`)

  describe('applications to decide', () => {
    it('asks for the district\'s pending applications and shows each as the API masks it, with skills, availability, unit and time', async () => {
      await open()
      expect(sent('GET', '/api/v1/volunteers/applications').map(query)).toEqual([{ district: DISTRICT, status: 'PENDING', page: '0', size: '50' }])
      expect(row().find('[data-testid=application-name]').text()).toBe('张*明')
      expect(row().find('[data-testid=application-skills]').text()).toBe('关爱帮扶 3 级、教育服务 2 级')
      expect(row().find('[data-testid=application-availability]').text()).toBe('周一 18:30–20:30；周六 14:00–17:00')
      expect(row().find('[data-testid=application-away]').text()).toBe('2026-03-21')
      expect(row().find('[data-testid=application-unit]').text()).toBe('盘龙一社区')
      expect(row().find('[data-testid=application-applied]').text()).toBe('3/7 09:30')
      expect(wrapper.find('[data-testid=applications-count]').text()).toBe('共 1 份')
    })

    it('approves with {"decision":"APPROVE"} and says so in place of the buttons', async () => {
      await open()
      await wrapper.find('[data-testid=approve-vol-1]').trigger('click')
      await settle()
      const [approval] = sent('POST', '/api/v1/volunteers/vol-1/approval')
      expect(approval.body).toEqual({ decision: 'APPROVE' })
      expect(query(approval)).toEqual({ district: DISTRICT })
      expect(approval.headers.get('If-Match')).toBe('"0"')
      expect(row().attributes('data-decided')).toBe('APPROVE')
      expect(wrapper.find('[data-testid=application-done-vol-1]').text()).toBe('已批准，张*明 成为志愿者。')
      expect(wrapper.find('[data-testid=approve-vol-1]').exists()).toBe(false)
    })

    it('refuses only with a reason, sent as the applicant will read it', async () => {
      await open()
      await wrapper.find('[data-testid=refuse-vol-1]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/volunteers/vol-1/approval')).toHaveLength(0)
      expect(wrapper.find('[data-testid=refuse-reason-problem-vol-1]').text()).toBe('拒绝须写明理由。')
      expect(wrapper.find('[data-testid=refuse-reason-vol-1]').attributes('aria-invalid')).toBe('true')

      await wrapper.find('[data-testid=refuse-reason-vol-1]').setValue('  年龄不符合服务队要求  ')
      await wrapper.find('[data-testid=refuse-vol-1]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/volunteers/vol-1/approval').map((call) => call.body)).toEqual([{ decision: 'REFUSE', reason: '年龄不符合服务队要求' }])
      expect(wrapper.find('[data-testid=application-done-vol-1]').text()).toBe('已拒绝 张*明 的申请。')
    })

    it('says an application decided meanwhile (409) was, and fetches the list again without it', async () => {
      answers['POST /api/v1/volunteers/vol-1/approval'] = problem(409, 'already-decided', 'This application was already decided')
      await open()
      answers['GET /api/v1/volunteers/applications'] = { body: { items: [], page: 0, size: 50, total: 0 } }
      await wrapper.find('[data-testid=approve-vol-1]').trigger('click')
      await settle()
      expect(sent('GET', '/api/v1/volunteers/applications')).toHaveLength(2)
      expect(wrapper.find('[data-testid=applications-changed]').text()).toBe('张*明 的申请已由他人处理，待审批列表已重新载入。')
      expect(row().exists()).toBe(false)
    })

    it('decides with the application\'s version; one that changed meanwhile (412) is explained, reloaded and tried with the new version', async () => {
      let version = 3
      answers['GET /api/v1/volunteers/applications'] = () => ({ body: { items: [application({ version, languages: version > 3 ? ['zh-CN', 'en'] : ['zh-CN'] })], page: 0, size: 50, total: 1 } })
      answers['POST /api/v1/volunteers/vol-1/approval'] = (call) => (call.headers.get('If-Match') === `"${version}"`
        ? { body: { volunteerId: 'vol-1', status: 'APPROVED', version: version + 1 } }
        : problem(412, 'stale-version', 'changed'))
      await open()
      version = 4 // the applicant changed something after the list was fetched
      await wrapper.find('[data-testid=approve-vol-1]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/volunteers/vol-1/approval')[0].headers.get('If-Match')).toBe('"3"')
      expect(wrapper.find('[data-testid=application-problem-vol-1]').text()).toBe('这份申请在您查看后有了变化，已重新载入，请核对后再决定。')
      expect(wrapper.find('[data-testid=applications-changed]').text()).toBe('这份申请在您查看后有了变化，已重新载入，请核对后再决定。')
      expect(sent('GET', '/api/v1/volunteers/applications')).toHaveLength(2)
      expect(row().text()).toContain('zh-CN, en')
      expect(await axeViolations()).toEqual([])

      await wrapper.find('[data-testid=approve-vol-1]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/volunteers/vol-1/approval')[1].headers.get('If-Match')).toBe('"4"')
      expect(wrapper.find('[data-testid=application-done-vol-1]').text()).toBe('已批准，张*明 成为志愿者。')
    })

    it('shows a refusal naming the reason beside the reason', async () => {
      answers['POST /api/v1/volunteers/vol-1/approval'] = problem(400, 'invalid-field', '理由太长', 'reason')
      await open()
      await wrapper.find('[data-testid=refuse-reason-vol-1]').setValue('x')
      await wrapper.find('[data-testid=refuse-vol-1]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=refuse-reason-problem-vol-1]').text()).toBe('理由太长')
      expect(wrapper.find('[data-testid=approve-vol-1]').exists()).toBe(true)
    })

    it('shows the real-name details as the reviewer\'s view of the API gives them (ID number masked)', async () => {
      answers['GET /api/v1/volunteers/applications/vol-1'] = { body: application({
        personal: { name: '张小明', phone: '13800000000', birthDate: '2000-01-02', idNumber: '5001**********1234' } }) }
      await open()
      await wrapper.find('[data-testid=details-vol-1]').trigger('click')
      await settle()
      const details = wrapper.find('[data-testid=personal-vol-1]').text()
      expect(details).toContain('张小明')
      expect(details).toContain('5001**********1234')
      expect(query(sent('GET', '/api/v1/volunteers/applications/vol-1')[0])).toEqual({ district: DISTRICT })
    })

    it('pages through the applications', async () => {
      answers['GET /api/v1/volunteers/applications'] = (call) => (call.url.searchParams.get('page') === '0'
        ? { body: { items: [application()], page: 0, size: 50, total: 2 } }
        : { body: { items: [application({ volunteerId: 'vol-2', maskedName: '王*' })], page: 1, size: 50, total: 2 } })
      await open()
      await wrapper.find('[data-testid=applications-more]').trigger('click')
      await settle()
      expect(wrapper.findAll('[data-testid=application]').map((found) => found.attributes('data-volunteer-id'))).toEqual(['vol-1', 'vol-2'])
      expect(wrapper.find('[data-testid=applications-more]').exists()).toBe(false)
    })

    it('says when nothing waits, and shows a refusal of the list', async () => {
      answers['GET /api/v1/volunteers/applications'] = { body: { items: [], page: 0, size: 50, total: 0 } }
      await open()
      expect(wrapper.find('[data-testid=applications-empty]').exists()).toBe(true)
      wrapper.unmount()
      answers['GET /api/v1/volunteers/applications'] = problem(403, 'forbidden', 'no')
      await open()
      expect(wrapper.find('[data-testid=applications-problem]').text()).toBe('您没有权限这样操作。')
    })
  })

  describe('finding volunteers', () => {
    it('lists the subtree\'s volunteers, masked, linked to their profiles', async () => {
      await open()
      expect(sent('GET', '/api/v1/volunteers').map(query)).toEqual([{ district: DISTRICT, page: '0', size: '20' }])
      const found = wrapper.find('[data-testid=volunteer-row][data-volunteer-id=vol-7]')
      expect(found.text()).toContain('李*华')
      expect(found.text()).toContain('盘龙实践站')
      expect(found.text()).toContain('法律服务 4 级')
      expect(found.find('[data-testid=volunteer-open]').attributes('href')).toBe('/volunteers/vol-7')
    })

    it('sends the filters the API has, a level only with a platform', async () => {
      await open()
      await wrapper.find('[data-testid=search-unit]').setValue('st-2')
      await wrapper.find('[data-testid=search-status]').setValue('PAUSED')
      await wrapper.find('[data-testid=search-level]').setValue('3')
      await wrapper.find('[data-testid=search-form]').trigger('submit')
      await settle()
      expect(query(sent('GET', '/api/v1/volunteers')[1])).toEqual({ district: DISTRICT, homeUnitId: 'st-2', status: 'PAUSED', page: '0', size: '20' })
      await wrapper.find('[data-testid=search-platform]').setValue('CARE')
      await wrapper.find('[data-testid=search-level]').setValue('3')
      await wrapper.find('[data-testid=search-phone]').setValue(' 13800000000 ')
      await wrapper.find('[data-testid=search-form]').trigger('submit')
      await settle()
      expect(query(sent('GET', '/api/v1/volunteers')[2])).toEqual({ district: DISTRICT, homeUnitId: 'st-2', status: 'PAUSED',
        platform: 'CARE', minLevel: '3', phone: '13800000000', page: '0', size: '20' })
    })

    it('pages through the API', async () => {
      answers['GET /api/v1/volunteers'] = (call) => ({ body: { items: [VOLUNTEER], page: Number(call.url.searchParams.get('page')), size: 20, total: 45 } })
      await open()
      expect(wrapper.find('[data-testid=search-count]').text()).toBe('共 45 人，第 1 / 3 页')
      await wrapper.find('[data-testid=search-next]').trigger('click')
      await settle()
      expect(query(sent('GET', '/api/v1/volunteers')[1]).page).toBe('1')
      expect(wrapper.find('[data-testid=search-count]').text()).toBe('共 45 人，第 2 / 3 页')
    })

    it('shows a refusal naming the phone beside the phone', async () => {
      await open()
      answers['GET /api/v1/volunteers'] = problem(400, 'invalid-field', '手机号格式不对', 'phone')
      await wrapper.find('[data-testid=search-phone]').setValue('123')
      await wrapper.find('[data-testid=search-form]').trigger('submit')
      await settle()
      expect(wrapper.find('[data-testid=search-phone-problem]').text()).toBe('手机号格式不对')
    })
  })

  describe('teams', () => {
    it('lists the unit\'s teams with platforms, members and leader, and another unit\'s on choosing it', async () => {
      await open()
      expect(sent('GET', '/api/v1/teams').map(query)).toEqual([{ district: DISTRICT, unitId: 'st-1', page: '0', size: '50' }])
      const team = wrapper.find('[data-testid=team][data-team-id=team-1]')
      expect(team.find('[data-testid=team-platforms]').text()).toBe('关爱帮扶、健康体育')
      expect(team.find('[data-testid=team-size]').text()).toBe('2 / 30 人')
      expect(team.findAll('[data-testid=team-member]').map((member) => member.text())).toEqual(['vol-7', 'vol-8'])
      await wrapper.find('[data-testid=teams-unit]').setValue('st-2')
      await settle()
      expect(query(sent('GET', '/api/v1/teams')[1]).unitId).toBe('st-2')
    })
  })
})
