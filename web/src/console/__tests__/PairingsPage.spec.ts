import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import type { Router } from 'vue-router'
import PairingsPage from '../PairingsPage.vue'
import * as words from '../messages'
import { everyPage, lastActivity, stateOf, thisQuarter, type Pairing, type PairingHealth, type Partner } from '../pairings'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { districtToday } from '../../shared/format'

const DISTRICT = 'cq-jiulongpo'

const unit = (unitId: string, name: string, tier: string, depth: number, parentId?: string, status = 'ACTIVE') =>
  ({ depth, unit: { unitId, name, tier, status, ...(parentId ? { parentId } : {}) } })

/** An institute with three open stations and a closed one. */
const SUBTREE = [
  unit('inst-1', '盘龙实践所', 'INSTITUTE', 0),
  unit('st-1', '盘龙实践站', 'STATION', 1, 'inst-1'),
  unit('st-2', '彩云实践站', 'STATION', 1, 'inst-1'),
  unit('st-4', '石坪实践站', 'STATION', 1, 'inst-1'),
  unit('st-3', '旧村实践站', 'STATION', 1, 'inst-1', 'CLOSED'),
]

const PARTNERS: Partner[] = [
  { partnerId: 'partner-1', districtId: DISTRICT, type: 'PARTY_ORGANISATION', name: '区委组织部机关党支部', owningDepartment: '区委组织部', maskedContact: '138****1111' },
  { partnerId: 'partner-2', districtId: DISTRICT, type: 'CIVILIZED_UNIT', name: '区人民医院' },
  { partnerId: 'partner-3', districtId: DISTRICT, type: 'VOLUNTEER_ORGANISATION', name: '区青年志愿者协会' },
]

function pairing(fields: Partial<Pairing> & { pairingId: string }): Pairing {
  return { districtId: DISTRICT, partnerId: 'partner-1', stationIds: ['st-1'], model: 'ORGANISATION_PAIRING', activitiesPerQuarter: 2,
    startDate: '2025-06-01', activities: [], appliedSequence: 1, ...fields }
}

/** Quiet (last activity in October), fine (two this quarter), outside the subtree, and ended. */
function fixtures(): Pairing[] {
  return [
    pairing({ pairingId: 'pairing-1', activities: [
      { stationId: 'st-1', activityId: 'act-9', title: '理论宣讲进社区', heldOn: '2025-10-12' },
      { stationId: 'st-1', title: '结对启动会', heldOn: '2025-06-05' }] }),
    pairing({ pairingId: 'pairing-2', partnerId: 'partner-2', stationIds: ['st-2'], model: 'COMMUNITY_ALLIANCE', activitiesPerQuarter: 4,
      startDate: '2026-01-10', endDate: '2026-12-31', activities: [
        { stationId: 'st-2', title: '义诊', heldOn: '2026-02-20' }, { stationId: 'st-2', title: '法律咨询', heldOn: '2026-03-01' }] }),
    pairing({ pairingId: 'pairing-3', stationIds: ['st-9'] }),
    pairing({ pairingId: 'pairing-4', partnerId: 'partner-2', startDate: '2024-01-01', endDate: '2025-12-31', endReason: '合作期满' }),
  ]
}

const HEALTH: PairingHealth = {
  unitId: 'inst-1', date: '2026-03-07', inactiveDays: 90, runningPairings: 2, stations: 3, pairedStations: 2,
  partnersWithoutPairing: ['partner-3'], stationsWithoutPairing: ['st-4'], dormantPairings: [{ pairingId: 'pairing-1', lastActivity: '2025-10-12' }],
}

const problem = (status: number, code: string, detail: string, field?: string): Answer => ({
  status, body: { type: 'https://practice.cloud/problems/' + code, status, detail, ...(field ? { field } : {}) } })

describe('the pairings page', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper
  let router: Router
  let pairings: Pairing[]
  let partners: Partner[]

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'INSTITUTE_ADMIN', practice_unit: 'inst-1' })
    pairings = fixtures()
    partners = [...PARTNERS]
    answers = {
      'GET /api/v1/org-units/inst-1/subtree': { body: SUBTREE },
      'GET /api/v1/partners': () => ({ body: { items: partners, page: 0, size: 500, total: partners.length } }),
      'GET /api/v1/pairings': () => ({ body: { items: pairings, page: 0, size: 500, total: pairings.length } }),
      'GET /api/v1/pairings/health': { body: HEALTH },
      'GET /api/v1/pairings/pairing-1': () => ({ body: pairings[0] }),
      'GET /api/v1/pairings/pairing-2': () => ({ body: pairings[1] }),
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open(path = '/pairings') {
    const mounted = await mountPage(PairingsPage, path, { path: '/pairings', name: 'pairings' },
      [{ path: '/activities/:activityId', name: 'activity' }], { console: words })
    wrapper = mounted.wrapper
    router = mounted.router
    document.body.appendChild(wrapper.element)
    await settle()
  }

  const sent = (method: string, path: string) => calls.filter((call) => call.method === method && call.url.pathname === path)
  const query = (call: Call) => Object.fromEntries(call.url.searchParams)
  const last = (method: string, path: string) => sent(method, path)[sent(method, path).length - 1]
  const row = (id: string) => wrapper.find(`[data-testid=pairing-row][data-pairing-id="${id}"]`)
  const rows = () => wrapper.findAll('[data-testid=pairing-row]').map((found) => found.attributes('data-pairing-id'))
  const text = (testid: string) => wrapper.find(`[data-testid=${testid}]`).text()
  const value = (testid: string) => (wrapper.find(`[data-testid=${testid}]`).element as HTMLInputElement).value

  describe('the list and its health', () => {
    it('lists the subtree\'s pairings with partner, stations, since, state and health, the quiet one first and marked', async () => {
      await open()
      expect(query(sent('GET', '/api/v1/pairings')[0])).toEqual({ district: DISTRICT, page: '0', size: '500' })
      expect(query(sent('GET', '/api/v1/pairings/health')[0])).toEqual({ district: DISTRICT, unitId: 'inst-1', inactiveDays: '90' })
      expect(rows()).toEqual(['pairing-1', 'pairing-2', 'pairing-4'])
      const quiet = row('pairing-1')
      expect(quiet.attributes('data-quiet')).toBe('true')
      expect(quiet.classes()).toContain('quiet')
      expect(quiet.find('[data-testid=pairing-open]').text()).toBe('区委组织部机关党支部')
      expect(quiet.find('[data-testid=pairing-row-stations]').text()).toBe('盘龙实践站')
      expect(quiet.find('[data-testid=pairing-row-since]').text()).toBe('2025/6/1')
      expect(quiet.find('[data-testid=pairing-row-state]').text()).toBe('进行中')
      expect(quiet.find('[data-testid=pairing-row-last]').text()).toBe('2025/10/12')
      expect(quiet.find('[data-testid=pairing-row-quarter]').text()).toBe('0 / 2 次')
      expect(quiet.find('[data-testid=pairing-row-health]').text()).toBe('⚠ 冷清已 90 天以上没有活动')
      const fine = row('pairing-2')
      expect(fine.attributes('data-quiet')).toBe('false')
      expect(fine.find('[data-testid=pairing-row-state]').text()).toBe('进行中至 2026/12/31')
      expect(fine.find('[data-testid=pairing-row-quarter]').text()).toBe('2 / 4 次')
      expect(fine.find('[data-testid=pairing-row-health]').text()).toBe('正常')
      expect(row('pairing-4').find('[data-testid=pairing-row-state]').text()).toBe('已结束')
      expect(row('pairing-4').find('[data-testid=pairing-row-health]').text()).toBe('—')
      expect(text('pairings-health-running')).toBe('2')
      expect(text('pairings-health-stations')).toBe('3')
      expect(text('pairings-health-paired')).toBe('2')
      expect(text('pairings-health-quiet-count')).toBe('1')
      expect(text('pairings-health-quiet')).toBe('区委组织部机关党支部（盘龙实践站）：最近活动 2025/10/12')
      expect(text('pairings-health-stations-without')).toBe('石坪实践站')
      expect(text('pairings-health-partners-without')).toBe('区青年志愿者协会')
    })

    it('filters by station, partner, state and quietness without asking again, and asks the health for another window', async () => {
      await open()
      expect(wrapper.findAll('[data-testid=pairings-station] option').map((found) => found.attributes('value')))
        .toEqual(['', 'st-1', 'st-2', 'st-4', 'st-3'])
      await wrapper.find('[data-testid=pairings-station]').setValue('st-2')
      expect(rows()).toEqual(['pairing-2'])
      await wrapper.find('[data-testid=pairings-station]').setValue('')
      await wrapper.find('[data-testid=pairings-partner]').setValue('partner-2')
      expect(rows()).toEqual(['pairing-2', 'pairing-4'])
      expect(wrapper.find('[data-testid=partner-row][data-partner-id=partner-1] [data-testid=partner-pairings]').text()).toBe('1 个')
      await wrapper.find('[data-testid=pairings-partner]').setValue('')
      await settle()
      expect(sent('GET', '/api/v1/pairings')).toHaveLength(1)
      await wrapper.find('[data-testid=pairings-state]').setValue('ENDED')
      expect(rows()).toEqual(['pairing-4'])
      await wrapper.find('[data-testid=pairings-state]').setValue('')
      await wrapper.find('[data-testid=pairings-quiet-only]').setValue(true)
      expect(rows()).toEqual(['pairing-1'])
      const days = wrapper.find('[data-testid=pairings-inactive-days]')
      ;(days.element as HTMLInputElement).value = '30'
      await days.trigger('change')
      await settle()
      expect(query(last('GET', '/api/v1/pairings/health'))).toEqual({ district: DISTRICT, unitId: 'inst-1', inactiveDays: '30' })
    })
  })

  describe('one pairing', () => {
    it('opens from its row at /pairings?pairing=<id> with its activity log: when, which station, what, and from where', async () => {
      await open()
      expect(wrapper.find('[data-testid=pairing-detail]').exists()).toBe(false)
      await row('pairing-1').find('[data-testid=pairing-open]').trigger('click')
      await settle()
      expect(router.currentRoute.value.fullPath).toBe('/pairings?pairing=pairing-1')
      expect(query(sent('GET', '/api/v1/pairings/pairing-1')[0])).toEqual({ district: DISTRICT })
      expect(text('pairing-detail-title')).toBe('结对详情：区委组织部机关党支部')
      expect(text('pairing-quiet')).toBe('⚠ 冷清：已 90 天以上没有活动。')
      const log = wrapper.findAll('[data-testid=pairing-log-entry]').map((entry) => [
        entry.find('[data-testid=pairing-log-when]').text(), entry.find('[data-testid=pairing-log-who]').text(),
        entry.find('[data-testid=pairing-log-what]').text()])
      expect(log).toEqual([['2025/10/12', '盘龙实践站', '理论宣讲进社区'], ['2025/6/5', '盘龙实践站', '结对启动会']])
      expect(wrapper.find('[data-testid=pairing-log-activity]').attributes('href')).toBe('/activities/act-9')
      expect(wrapper.findAll('[data-testid=pairing-log-entry]')[1].text()).toContain('手工记录')
      await wrapper.find('[data-testid=pairing-close]').trigger('click')
      await settle()
      expect(router.currentRoute.value.fullPath).toBe('/pairings')
      expect(wrapper.find('[data-testid=pairing-detail]').exists()).toBe(false)
    })

    it('records an activity with the body the API requires and shows it once the read model has it', async () => {
      answers['POST /api/v1/pairings/pairing-1/activities'] = () => {
        pairings[0] = { ...pairings[0], appliedSequence: 2,
          activities: [...pairings[0].activities!, { stationId: 'st-1', title: '家门口的宣讲', heldOn: '2026-03-06' }] }
        return { body: { pairingId: 'pairing-1' } }
      }
      await open('/pairings?pairing=pairing-1')
      expect(value('pairing-record-station')).toBe('st-1')
      expect(value('pairing-record-held-on')).toBe('2026-03-07')
      await wrapper.find('[data-testid=pairing-record-title]').setValue(' 家门口的宣讲 ')
      await wrapper.find('[data-testid=pairing-record-held-on]').setValue('2026-03-06')
      await wrapper.find('[data-testid=pairing-record] form').trigger('submit')
      await settle()
      const [recorded] = sent('POST', '/api/v1/pairings/pairing-1/activities')
      expect(query(recorded)).toEqual({ district: DISTRICT })
      expect(recorded.body).toEqual({ stationId: 'st-1', title: '家门口的宣讲', heldOn: '2026-03-06' })
      expect(text('pairing-done')).toBe('已记录活动“家门口的宣讲”。')
      expect(wrapper.findAll('[data-testid=pairing-log-what]')[0].text()).toBe('家门口的宣讲')
      expect(row('pairing-1').find('[data-testid=pairing-row-last]').text()).toBe('2026/3/6')
      expect(sent('GET', '/api/v1/pairings/health')).toHaveLength(2)
      expect(value('pairing-record-title')).toBe('')
    })

    it('names what an activity is missing and sends nothing', async () => {
      await open('/pairings?pairing=pairing-1')
      await wrapper.find('[data-testid=pairing-record-held-on]').setValue('')
      await wrapper.find('[data-testid=pairing-record] form').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/pairings/pairing-1/activities')).toHaveLength(0)
      expect(text('pairing-record-title-problem')).toBe('请填写此项。')
      expect(text('pairing-record-held-on-problem')).toBe('请填写此项。')
    })

    it('shows a refused activity as a sentence and keeps what was typed', async () => {
      answers['POST /api/v1/pairings/pairing-1/activities'] = problem(422, 'before-start', 'The pairing started on 2025-06-01')
      await open('/pairings?pairing=pairing-1')
      await wrapper.find('[data-testid=pairing-record-title]').setValue('补记的活动')
      await wrapper.find('[data-testid=pairing-record-held-on]').setValue('2025-01-01')
      await wrapper.find('[data-testid=pairing-record] form').trigger('submit')
      await settle()
      expect(text('pairing-record-problem')).toBe('活动日期早于结对的开始日期。')
      expect(value('pairing-record-title')).toBe('补记的活动')
      expect(wrapper.find('[data-testid=pairing-done]').exists()).toBe(false)
      expect(sent('GET', '/api/v1/pairings/pairing-1')).toHaveLength(1)
    })

    it('ends a pairing only with a reason and after asking once more', async () => {
      answers['POST /api/v1/pairings/pairing-1/end'] = (call) => {
        pairings[0] = { ...pairings[0], appliedSequence: 2, endDate: '2026-03-07', endReason: (call.body as { reason: string }).reason }
        return { body: { pairingId: 'pairing-1' } }
      }
      await open('/pairings?pairing=pairing-1')
      await wrapper.find('[data-testid=pairing-end-ask]').trigger('click')
      await settle()
      expect(text('pairing-end-reason-problem')).toBe('请填写此项。')
      expect(wrapper.find('[data-testid=pairing-end-confirm]').exists()).toBe(false)
      await wrapper.find('[data-testid=pairing-end-reason-input]').setValue(' 党支部撤并 ')
      await wrapper.find('[data-testid=pairing-end-ask]').trigger('click')
      await settle()
      expect(text('pairing-end-confirm')).toContain('确定要结束与“区委组织部机关党支部”的结对吗？')
      expect(document.activeElement).toBe(wrapper.find('[data-testid=pairing-end-yes]').element)
      await wrapper.find('[data-testid=pairing-end-no]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=pairing-end-confirm]').exists()).toBe(false)
      expect(sent('POST', '/api/v1/pairings/pairing-1/end')).toHaveLength(0)
      await wrapper.find('[data-testid=pairing-end-ask]').trigger('click')
      await settle()
      await wrapper.find('[data-testid=pairing-end-yes]').trigger('click')
      await settle()
      const [ended] = sent('POST', '/api/v1/pairings/pairing-1/end')
      expect(query(ended)).toEqual({ district: DISTRICT })
      expect(ended.body).toEqual({ reason: '党支部撤并' })
      expect(ended.headers.get('If-Match')).toBeNull() // the API takes none on pairings
      expect(text('pairing-done')).toBe('结对已结束。')
      expect(text('pairing-state')).toBe('已结束')
      expect(text('pairing-end-reason')).toBe('党支部撤并')
      expect(wrapper.find('[data-testid=pairing-end]').exists()).toBe(false)
      expect(text('pairing-record-closed')).toBe('结对不在进行中，不能记录活动。')
      expect(row('pairing-1').find('[data-testid=pairing-row-state]').text()).toBe('已结束')
    })

    it('says a pairing ended meanwhile was refused, and reloads it', async () => {
      answers['POST /api/v1/pairings/pairing-1/end'] = () => {
        pairings[0] = { ...pairings[0], appliedSequence: 2, endDate: '2026-03-06', endReason: '另有安排' }
        return problem(409, 'illegal-transition', "Pairing 'pairing-1' has already ended")
      }
      await open('/pairings?pairing=pairing-1')
      await wrapper.find('[data-testid=pairing-end-reason-input]').setValue('合作结束')
      await wrapper.find('[data-testid=pairing-end-date-input]').setValue('2026-03-07')
      await wrapper.find('[data-testid=pairing-end-ask]').trigger('click')
      await settle()
      await wrapper.find('[data-testid=pairing-end-yes]').trigger('click')
      await settle()
      expect(sent('POST', '/api/v1/pairings/pairing-1/end').map((call) => call.body)).toEqual([{ reason: '合作结束', endDate: '2026-03-07' }])
      expect(sent('GET', '/api/v1/pairings/pairing-1')).toHaveLength(2)
      expect(text('pairing-end-problem')).toBe('这个结对已经结束了（可能有人刚刚操作过），已重新加载。')
      expect(text('pairing-end-reason')).toBe('另有安排')
      expect(text('pairing-state')).toBe('已结束')
      expect(row('pairing-1').find('[data-testid=pairing-row-state]').text()).toBe('已结束')
    })

    it('shows a pairing the API does not know as a sentence', async () => {
      await open('/pairings?pairing=pairing-x')
      expect(text('pairing-problem')).toBe('没有找到这个结对，编号可能有误。')
    })
  })

  describe('partners', () => {
    it('lists the partners, their running pairings here, and the one without', async () => {
      await open()
      const counts = wrapper.findAll('[data-testid=partner-row]').map((found) => [found.attributes('data-partner-id'), found.find('[data-testid=partner-pairings]').text()])
      expect(counts).toEqual([['partner-1', '1 个'], ['partner-2', '1 个'], ['partner-3', '⚠ 没有进行中的结对']])
      expect(wrapper.find('[data-testid=partner-row][data-partner-id=partner-1]').text()).toContain('138****1111')
      expect(text('partner-register-not-allowed')).toBe('合作单位由区级管理员登记；已登记的可以在下面结对。')
      expect(wrapper.find('[data-testid=partner-register-send]').exists()).toBe(false)
    })

    it('registers a partner (district admin) with the body the API requires and an Idempotency-Key', async () => {
      logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'DISTRICT_ADMIN', practice_unit: 'inst-1' })
      answers['POST /api/v1/partners'] = (call) => {
        partners = [...partners, { partnerId: 'partner-9', type: 'SOCIAL_WORK_ORGANISATION', name: (call.body as { name: string }).name }]
        return { status: 201, body: { partnerId: 'partner-9' } }
      }
      await open()
      await wrapper.find('[data-testid=partner-register-name]').setValue(' 九龙坡区社工服务中心 ')
      await wrapper.find('[data-testid=partner-register-type]').setValue('SOCIAL_WORK_ORGANISATION')
      await wrapper.find('[data-testid=partner-register-contact]').setValue('023-68780000')
      await wrapper.find('[data-testid=partner-register] form').trigger('submit')
      await settle()
      const [registered] = sent('POST', '/api/v1/partners')
      expect(query(registered)).toEqual({ district: DISTRICT })
      expect(registered.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
      expect(registered.body).toEqual({ name: '九龙坡区社工服务中心', type: 'SOCIAL_WORK_ORGANISATION', contact: '023-68780000' })
      expect(text('partner-register-done')).toBe('已登记“九龙坡区社工服务中心”。')
      expect(wrapper.find('[data-testid=partner-row][data-partner-id=partner-9]').exists()).toBe(true)
      expect(wrapper.find('[data-testid=pairing-form-partner] option[value=partner-9]').exists()).toBe(true)
      expect(value('partner-register-name')).toBe('')
    })

    it('shows a refused registration as a sentence beside its field and keeps the form', async () => {
      logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'DISTRICT_ADMIN', practice_unit: 'inst-1' })
      answers['POST /api/v1/partners'] = problem(409, 'partner-exists', "Partner 'partner-1' already exists in this district", 'partnerId')
      await open()
      await wrapper.find('[data-testid=partner-register-name]').setValue('区委组织部机关党支部')
      await wrapper.find('[data-testid=partner-register-type]').setValue('PARTY_ORGANISATION')
      await wrapper.find('[data-testid=partner-register-id]').setValue('partner-1')
      await wrapper.find('[data-testid=partner-register] form').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/partners').map((call) => call.body)).toEqual([{ name: '区委组织部机关党支部', type: 'PARTY_ORGANISATION', partnerId: 'partner-1' }])
      expect(text('partner-register-id-problem')).toBe('这个编号的合作单位已经登记过了。')
      expect(value('partner-register-name')).toBe('区委组织部机关党支部')
      expect(wrapper.find('[data-testid=partner-register-done]').exists()).toBe(false)
      expect(sent('GET', '/api/v1/partners')).toHaveLength(1)
    })

    it('pairs a partner, chosen from its row, with open stations of the subtree and lists the new pairing', async () => {
      answers['POST /api/v1/pairings'] = (call) => {
        const body = call.body as Pairing
        pairings = [...pairings, pairing({ ...body, pairingId: 'pairing-5' })]
        return { status: 201, body: { pairingId: 'pairing-5' } }
      }
      await open()
      expect(wrapper.findAll('[data-testid^=pairing-form-station-]').map((found) => found.attributes('value'))).toEqual(['st-1', 'st-2', 'st-4'])
      await wrapper.find('[data-testid=partner-pair-partner-3]').trigger('click')
      await settle()
      expect(value('pairing-form-partner')).toBe('partner-3')
      expect(document.activeElement).toBe(wrapper.find('[data-testid=pairing-form-partner]').element)
      await wrapper.find('[data-testid=pairing-form-station-st-4]').setValue(true)
      await wrapper.find('[data-testid=pairing-form-station-st-2]').setValue(true)
      await wrapper.find('[data-testid=pairing-form-model]').setValue('SOCIAL_GROUP_TIES')
      await wrapper.find('[data-testid=pairing-form-per-quarter]').setValue('3')
      await wrapper.find('[data-testid=pairing-form-end]').setValue('2026-12-31')
      await wrapper.find('[data-testid=pairing-form] form').trigger('submit')
      await settle()
      const [formed] = sent('POST', '/api/v1/pairings')
      expect(query(formed)).toEqual({ district: DISTRICT })
      expect(formed.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
      expect(formed.body).toEqual({ partnerId: 'partner-3', stationIds: ['st-4', 'st-2'], model: 'SOCIAL_GROUP_TIES', activitiesPerQuarter: 3,
        startDate: '2026-03-07', endDate: '2026-12-31' })
      expect(text('pairing-form-done')).toContain('已结对（编号 pairing-5）。')
      expect(wrapper.find('[data-testid=pairing-form-open]').attributes('href')).toBe('/pairings?pairing=pairing-5')
      expect(row('pairing-5').find('[data-testid=pairing-row-stations]').text()).toBe('石坪实践站、彩云实践站')
      expect(sent('GET', '/api/v1/pairings/health')).toHaveLength(2)
    })

    it('names what a pairing is missing, and shows a refusal beside the stations without changing anything', async () => {
      answers['POST /api/v1/pairings'] = problem(422, 'unknown-station', "'st-4' is not an open station of this district on 2026-03-07", 'stationIds')
      await open()
      await wrapper.find('[data-testid=pairing-form] form').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/pairings')).toHaveLength(0)
      expect(text('pairing-form-partner-problem')).toBe('请填写此项。')
      expect(text('pairing-form-stations-problem')).toBe('请填写此项。')
      expect(text('pairing-form-model-problem')).toBe('请填写此项。')
      await wrapper.find('[data-testid=pairing-form-partner]').setValue('partner-3')
      await wrapper.find('[data-testid=pairing-form-station-st-4]').setValue(true)
      await wrapper.find('[data-testid=pairing-form-model]').setValue('ORGANISATION_PAIRING')
      await wrapper.find('[data-testid=pairing-form] form').trigger('submit')
      await settle()
      expect(sent('POST', '/api/v1/pairings')).toHaveLength(1)
      expect(text('pairing-form-stations-problem')).toBe('所选单位在开始日期不是本区开放的实践站。')
      expect(wrapper.find('[data-testid=pairing-form-partner-problem]').exists()).toBe(false)
      expect(value('pairing-form-partner')).toBe('partner-3')
      expect((wrapper.find('[data-testid=pairing-form-station-st-4]').element as HTMLInputElement).checked).toBe(true)
      expect(sent('GET', '/api/v1/pairings')).toHaveLength(1)
      expect(rows()).toEqual(['pairing-1', 'pairing-2', 'pairing-4'])
    })

    it('shows the API\'s 403 as a sentence', async () => {
      answers['POST /api/v1/pairings'] = problem(403, 'forbidden', "The caller may not change unit 'st-4' (outside the subtree of 'inst-1')")
      await open()
      await wrapper.find('[data-testid=pairing-form-partner]').setValue('partner-3')
      await wrapper.find('[data-testid=pairing-form-station-st-4]').setValue(true)
      await wrapper.find('[data-testid=pairing-form-model]').setValue('ORGANISATION_PAIRING')
      await wrapper.find('[data-testid=pairing-form] form').trigger('submit')
      await settle()
      expect(text('pairing-form-problem')).toBe('您没有权限这样操作：结对只能涉及您管辖范围内的实践站，合作单位由区级管理员登记。')
      expect(wrapper.find('[data-testid=pairing-form-done]').exists()).toBe(false)
    })
  })

  it('shows a sub-center admin the pairings without the forms the API would refuse them', async () => {
    logInAs({ sub: 'acc-5', practice_district: DISTRICT, practice_role: 'SUBCENTER_ADMIN', practice_unit: 'inst-1' })
    await open('/pairings?pairing=pairing-2')
    expect(rows()).toEqual(['pairing-1', 'pairing-2', 'pairing-4'])
    expect(wrapper.findAll('[data-testid=pairing-log-entry]')).toHaveLength(2)
    expect(wrapper.find('[data-testid=pairing-record]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=pairing-end]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=pairing-form]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=pairing-form-not-allowed]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=partner-pair-partner-1]').exists()).toBe(false)
  })

  it('has no axe violations with a pairing open and the forms shown', async () => {
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'DISTRICT_ADMIN', practice_unit: 'inst-1' })
    await open('/pairings?pairing=pairing-1')
    expect(wrapper.find('[data-testid=pairing-detail]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=partner-register] form').exists()).toBe(true)
    await wrapper.find('[data-testid=pairing-end-reason-input]').setValue('合作结束')
    await wrapper.find('[data-testid=pairing-end-ask]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=pairing-end-confirm]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('works out a pairing\'s state, last activity and this quarter on the district\'s day', () => {
    const [quiet, fine, , ended] = fixtures()
    expect(districtToday(new Date('2026-03-07T17:00:00Z'))).toBe('2026-03-08')
    expect(stateOf(quiet, '2026-03-07')).toBe('RUNNING')
    expect(stateOf(fine, '2026-01-09')).toBe('UPCOMING')
    expect(stateOf(ended, '2026-03-07')).toBe('ENDED')
    expect(stateOf({ ...fine, endReason: '提前结束', endDate: '2026-04-01' }, '2026-03-07')).toBe('ENDED')
    expect(lastActivity(fine, '2026-02-28')).toBe('2026-02-20')
    expect(lastActivity(ended, '2026-03-07')).toBeNull()
    expect(thisQuarter(fine, '2026-03-07')).toBe(2)
    expect(thisQuarter(fine, '2026-04-02')).toBe(0)
  })

  it('reads every page of a list, and stops at its total', async () => {
    const asked: number[] = []
    const all = await everyPage(async (page, size) => {
      asked.push(page)
      return { items: Array.from({ length: page < 2 ? size : 3 }, (_, i) => page * size + i), total: 2 * size + 3 }
    })
    expect(asked).toEqual([0, 1, 2])
    expect(all).toHaveLength(1003)
  })
})
