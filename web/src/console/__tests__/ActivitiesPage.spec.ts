import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import ActivitiesPage from '../ActivitiesPage.vue'
import ActivityPage from '../ActivityPage.vue'
import * as words from '../messages'
import { districtInstant, type ActivityView } from '../activities'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'

function activity(fields: Partial<ActivityView> = {}): ActivityView {
  return {
    activityId: 'act-1', districtId: DISTRICT, unitId: 'st-1', platform: 'CIVILIZATION', title: '垃圾分类宣传', place: '盘龙广场',
    startsAt: '2026-03-08T01:00:00Z', endsAt: '2026-03-08T03:00:00Z', signUpOpens: '2026-03-01T00:00:00Z', signUpCloses: '2026-03-08T01:00:00Z',
    volunteerCapacity: 10, residentCapacity: 50, participants: { 'vol-1': 'VOLUNTEER', 'acc-3': 'RESIDENT', 'vol-2': 'VOLUNTEER' },
    checkedIn: { 'vol-1': '2026-03-08T00:55:00Z' }, closed: false, appliedSequence: 4,
    ...fields,
  }
}

const SUBTREE = [
  { depth: 0, unit: { unitId: 'st-1', name: '盘龙实践站' } },
  { depth: 1, unit: { unitId: 'st-2', name: '盘龙一社区', parentId: 'st-1' } },
]

const problem = (status: number, code: string, detail: string, field?: string): Answer => ({
  status, body: { type: 'https://practice.cloud/problems/' + code, status, detail, ...(field ? { field } : {}) } })

describe('activities', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper
  let view: ActivityView

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    view = activity()
    answers = {
      'GET /api/v1/activities': { body: { items: [view], page: 0, size: 50, total: 1 } },
      'POST /api/v1/activities': { status: 201, body: { activityId: 'act-2' } },
      'GET /api/v1/activities/act-1': () => ({ body: view }),
      'GET /api/v1/org-units/st-1/subtree': { body: SUBTREE },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  const sent = (method: string, path: string) => calls.filter((call) => call.method === method && call.url.pathname === path)
  const query = (call: Call) => Object.fromEntries(call.url.searchParams)

  describe('the list and publishing', () => {
    async function open() {
      wrapper = (await mountPage(ActivitiesPage, '/activities', { path: '/activities', name: 'activities' },
        [{ path: '/activities/:activityId', name: 'activity' }], { console: words })).wrapper
      document.body.appendChild(wrapper.element)
      await settle()
    }

    it('lists the unit\'s activities with their sign-ups against the places, and another unit\'s or the district\'s on choosing', async () => {
      await open()
      expect(sent('GET', '/api/v1/activities').map(query)).toEqual([{ district: DISTRICT, unitId: 'st-1', page: '0', size: '50' }])
      const row = wrapper.find('[data-testid=activity-row][data-activity-id=act-1]')
      expect(row.text()).toContain('垃圾分类宣传')
      expect(row.find('[data-testid=activity-sign-ups]').text()).toBe('志愿者 2/10，居民 1/50')
      expect(row.find('[data-testid=activity-open]').attributes('href')).toBe('/activities/act-1')
      await wrapper.find('[data-testid=activities-unit]').setValue('')
      await settle()
      expect(query(sent('GET', '/api/v1/activities')[1])).toEqual({ district: DISTRICT, page: '0', size: '50' })
    })

    it('publishes with the times in the district\'s zone, the places and an Idempotency-Key', async () => {
      await open()
      await wrapper.find('[data-testid=publish-platform]').setValue('CIVILIZATION')
      await wrapper.find('[data-testid=publish-title]').setValue(' 垃圾分类宣传 ')
      await wrapper.find('[data-testid=publish-place]').setValue('盘龙广场')
      await wrapper.find('[data-testid=publish-starts]').setValue('2026-03-08T09:00')
      await wrapper.find('[data-testid=publish-ends]').setValue('2026-03-08T11:00')
      await wrapper.find('[data-testid=publish-closes]').setValue('2026-03-08T08:00')
      await wrapper.find('[data-testid=publish-volunteers]').setValue('10')
      await wrapper.find('[data-testid=publish-residents]').setValue('50')
      await wrapper.find('[data-testid=publish-pairing]').setValue('pair-1')
      await wrapper.find('[data-testid=publish-form] form').trigger('submit')
      await settle()
      const [publish] = sent('POST', '/api/v1/activities')
      expect(query(publish)).toEqual({ district: DISTRICT })
      expect(publish.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
      expect(publish.body).toEqual({ unitId: 'st-1', platform: 'CIVILIZATION', title: '垃圾分类宣传', place: '盘龙广场',
        startsAt: '2026-03-08T09:00:00+08:00', endsAt: '2026-03-08T11:00:00+08:00', signUpCloses: '2026-03-08T08:00:00+08:00',
        volunteerCapacity: 10, residentCapacity: 50, pairingId: 'pair-1' })
      expect(wrapper.find('[data-testid=publish-done]').text()).toBe('已发布“垃圾分类宣传”。')
      expect(sent('GET', '/api/v1/activities')).toHaveLength(2)
      expect((wrapper.find('[data-testid=publish-title]').element as HTMLInputElement).value).toBe('')
    })

    it('names what is missing beside it and sends nothing', async () => {
      await open()
      await wrapper.find('[data-testid=publish-form] form').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/activities')).toHaveLength(0)
      expect(wrapper.find('[data-testid=publish-title-problem]').text()).toBe('请填写此项。')
      expect(wrapper.find('[data-testid=publish-platform-problem]').text()).toBe('请填写此项。')
      expect(wrapper.find('[data-testid=publish-starts-problem]').text()).toBe('请填写此项。')
    })

    it('shows the service\'s refusal beside the field it names', async () => {
      answers['POST /api/v1/activities'] = problem(400, 'invalid-field', '报名须在活动结束前截止', 'signUpCloses')
      await open()
      await wrapper.find('[data-testid=publish-platform]').setValue('CARE')
      await wrapper.find('[data-testid=publish-title]').setValue('义诊')
      await wrapper.find('[data-testid=publish-starts]').setValue('2026-03-08T09:00')
      await wrapper.find('[data-testid=publish-ends]').setValue('2026-03-08T11:00')
      await wrapper.find('[data-testid=publish-closes]').setValue('2026-03-09T08:00')
      await wrapper.find('[data-testid=publish-form] form').trigger('submit')
      await settle()
      expect(wrapper.find('[data-testid=publish-closes-problem]').text()).toBe('报名须在活动结束前截止')
      expect(wrapper.find('[data-testid=publish-done]').exists()).toBe(false)
    })
  })

  describe('one activity', () => {
    async function open() {
      wrapper = (await mountPage(ActivityPage, '/activities/act-1', { path: '/activities/:activityId', name: 'activity' },
        [{ path: '/activities', name: 'activities' }], { console: words })).wrapper
      document.body.appendChild(wrapper.element)
      await settle()
    }

    const row = (id: string) => wrapper.find(`[data-testid=sign-up][data-participant-id="${id}"]`)
    /** The service checks vol-1 out: its view then shows when (11:05 in the district). */
    const checkOutVol1 = () => {
      view = activity({ checkedOut: { 'vol-1': '2026-03-08T03:05:00Z' }, appliedSequence: 5 })
      return { body: { activityId: 'act-1', participantId: 'vol-1' } }
    }

    it('shows the sign-ups with their roles and check-ins', async () => {
      await open()
      expect(query(sent('GET', '/api/v1/activities/act-1')[0])).toEqual({ district: DISTRICT })
      expect(wrapper.findAll('[data-testid=sign-up]').map((found) => found.attributes('data-participant-id'))).toEqual(['acc-3', 'vol-1', 'vol-2'])
      expect(row('vol-1').find('[data-testid=sign-up-checked-in]').text()).toBe('3/8 08:55')
      expect(row('vol-2').find('[data-testid=sign-up-checked-in]').text()).toBe('—')
      expect(row('vol-1').find('[data-testid=check-out-vol-1]').exists()).toBe(true)
      expect(row('acc-3').find('[data-testid=check-in-acc-3]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=activity-places]').text()).toBe('志愿者 2/10，居民 1/50')
    })

    it('checks a participant in and shows it once the read model has it', async () => {
      answers['POST /api/v1/activities/act-1/check-in'] = () => {
        view = activity({ checkedIn: { ...view.checkedIn, 'vol-2': '2026-03-08T01:02:00Z' }, appliedSequence: 5 })
        return { body: { activityId: 'act-1', participantId: 'vol-2' } }
      }
      await open()
      await wrapper.find('[data-testid=check-in-vol-2]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/activities/act-1/check-in').map((call) => call.body)).toEqual([{ participantId: 'vol-2' }])
      expect(row('vol-2').find('[data-testid=sign-up-checked-in]').text()).toBe('3/8 09:02')
      expect(wrapper.find('[data-testid=activity-done]').text()).toBe('vol-2 已签到。')
    })

    it('shows how each participant checked in, and sends the note typed for a check-in by hand', async () => {
      view = activity({ checkInMethods: { 'vol-1': 'QR_CODE' } })
      answers['POST /api/v1/activities/act-1/check-in'] = () => {
        view = activity({ checkedIn: { ...view.checkedIn, 'vol-2': '2026-03-08T01:02:00Z' }, appliedSequence: 5,
          checkInMethods: { 'vol-1': 'QR_CODE', 'vol-2': 'STAFF' }, checkInReasons: { 'vol-2': '手机没电，工作人员代签' } })
        return { body: { activityId: 'act-1', participantId: 'vol-2' } }
      }
      await open()
      expect(row('vol-1').find('[data-testid=sign-up-checked-in]').text()).toBe('3/8 08:55 · 扫码')
      await wrapper.find('[data-testid=hand-check-in-reason]').setValue(' 手机没电，工作人员代签 ')
      await wrapper.find('[data-testid=check-in-vol-2]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/activities/act-1/check-in').map((call) => call.body))
        .toEqual([{ participantId: 'vol-2', reason: '手机没电，工作人员代签' }])
      expect(row('vol-2').find('[data-testid=sign-up-checked-in]').text()).toBe('3/8 09:02 · 工作人员：手机没电，工作人员代签')
      expect((wrapper.find('[data-testid=hand-check-in-reason]').element as HTMLInputElement).value).toBe('')
    })

    it('offers the QR check-in code while the activity is open', async () => {
      await open()
      expect(wrapper.find('[data-testid=check-in-code-show]').exists()).toBe(true)
      wrapper.unmount()
      view = activity({ closed: true })
      await open()
      expect(wrapper.find('[data-testid=check-in-code]').exists()).toBe(false)
    })

    it('checks a volunteer out, and shows a refusal on that participant\'s row', async () => {
      answers['POST /api/v1/activities/act-1/check-out'] = checkOutVol1
      answers['POST /api/v1/activities/act-1/check-in'] = problem(409, 'already-checked-in', "'acc-3' already checked in")
      await open()
      await wrapper.find('[data-testid=check-out-vol-1]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/activities/act-1/check-out').map((call) => call.body)).toEqual([{ participantId: 'vol-1' }])
      expect(row('vol-1').find('[data-testid=sign-up-checked-out]').attributes('data-checked-out')).toBe('true')
      expect(row('vol-1').find('[data-testid=sign-up-checked-out]').text()).toBe('3/8 11:05') // when it was done, in the district's time
      expect(wrapper.find('[data-testid=activity-done]').text()).toBe('vol-1 已签退。')
      expect(wrapper.find('[data-testid=check-out-vol-1]').exists()).toBe(false)
      await wrapper.find('[data-testid=check-in-acc-3]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=attendance-problem-acc-3]').text()).toBe('已经签到过了。')
      expect(wrapper.find('[data-testid=attendance-problem-vol-2]').exists()).toBe(false)
    })

    it('counts the check-ins against the sign-ups per role, and the check-outs', async () => {
      answers['POST /api/v1/activities/act-1/check-out'] = checkOutVol1
      await open()
      expect(wrapper.find('[data-testid=activity-checked-in-counts]').text()).toBe('志愿者 1/2 人，居民 0/1 人')
      expect(wrapper.find('[data-testid=activity-checked-out-count]').text()).toBe('志愿者 0 人')
      expect(row('vol-1').find('[data-testid=sign-up-checked-out]').text()).toBe('—')
      await wrapper.find('[data-testid=check-out-vol-1]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=activity-checked-out-count]').text()).toBe('志愿者 1 人')
      expect(await axeViolations()).toEqual([])
    })

    it('shows a check-out made elsewhere, from the activity\'s view', async () => {
      view = activity({ checkedOut: { 'vol-1': '2026-03-08T03:05:00Z' } })
      await open()
      expect(row('vol-1').find('[data-testid=sign-up-checked-out]').text()).toBe('3/8 11:05')
      expect(wrapper.find('[data-testid=check-out-vol-1]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=activity-checked-out-count]').text()).toBe('志愿者 1 人')
    })

    it('shows a volunteer checked out meanwhile when the service says so (409 already-checked-out)', async () => {
      answers['POST /api/v1/activities/act-1/check-out'] = () => {
        view = activity({ checkedOut: { 'vol-1': '2026-03-08T03:05:00Z' }, appliedSequence: 5 }) // by another console
        return problem(409, 'already-checked-out', "'vol-1' already checked out")
      }
      await open()
      await wrapper.find('[data-testid=check-out-vol-1]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=attendance-problem-vol-1]').text()).toBe('已经签退过了。')
      expect(row('vol-1').find('[data-testid=sign-up-checked-out]').text()).toBe('3/8 11:05')
      expect(wrapper.find('[data-testid=check-out-vol-1]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=activity-checked-out-count]').text()).toBe('志愿者 1 人')
    })

    it('keeps the check-out button when a check-out is refused for another reason', async () => {
      answers['POST /api/v1/activities/act-1/check-out'] = problem(409, 'activity-closed', 'closed')
      await open()
      await wrapper.find('[data-testid=check-out-vol-1]').trigger('click')
      await settle()
      expect(row('vol-1').find('[data-testid=sign-up-checked-out]').attributes('data-checked-out')).toBe('false')
      expect(wrapper.find('[data-testid=check-out-vol-1]').exists()).toBe(true)
    })

    it('closes with a summary and then shows who attended', async () => {
      answers['POST /api/v1/activities/act-1/close'] = () => {
        view = activity({ closed: true, summary: '发放宣传册 200 份', volunteersAttended: 1, residentsAttended: 0, appliedSequence: 6 })
        return { body: { activityId: 'act-1', closed: true } }
      }
      await open()
      await wrapper.find('[data-testid=close-summary]').setValue(' 发放宣传册 200 份 ')
      await wrapper.find('[data-testid=close-send]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/activities/act-1/close').map((call) => call.body)).toEqual([{ summary: '发放宣传册 200 份' }])
      expect(wrapper.find('[data-testid=activity-attended]').text()).toBe('志愿者 1 人，居民 0 人')
      expect(wrapper.find('[data-testid=activity-summary]').text()).toBe('发放宣传册 200 份')
      expect(wrapper.find('[data-testid=close-form]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=check-in-acc-3]').exists()).toBe(false)
      expect(wrapper.find('[data-testid=activity-checked-in-counts]').exists()).toBe(false)
    })

    it('shows a refusal to close beside the action', async () => {
      answers['POST /api/v1/activities/act-1/close'] = problem(409, 'activity-closed', 'closed')
      await open()
      await wrapper.find('[data-testid=close-send]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=close-problem]').text()).toBe('活动已结束。')
    })
  })

  it('takes a time typed in the district\'s zone as an instant with its offset', () => {
    expect(districtInstant('2026-03-08T09:00')).toBe('2026-03-08T09:00:00+08:00')
    expect(districtInstant('')).toBeUndefined()
  })
})
