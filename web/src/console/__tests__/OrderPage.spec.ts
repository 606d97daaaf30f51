import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import OrderPage from '../OrderPage.vue'
import * as words from '../messages'
import type { RequestView } from '../live'
import { pauses } from '../../shared/eventStream'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { eventStream, READY } from '../../testing/eventStream'
import { leftEvent, requestEvent } from './eventStream'

const ITEM = {
  code: 'FIX', itemId: 'cq-jiulongpo/FIX', name: '小家电维修', platform: 'CARE', active: true, minimumSkillLevel: 2, peopleNeeded: 2,
  fields: [
    { code: 'appliance', label: '电器', datatype: 'SINGLEVALUELIST', required: true, order: 1, values: [{ key: 'fridge', name: '冰箱' }] },
    { code: 'symptom', label: '故障描述', datatype: 'TEXT', required: true, order: 2, values: [] },
  ],
}

const CANDIDATES = {
  reach: 'RADIUS', radiusKm: 5, widened: [], suggestedTeamIds: ['team-7'],
  candidates: [
    { volunteerId: 'vol-1', score: 1, distanceKm: 1.2, distanceScore: 0.4, skillScore: 0.25, fairnessScore: 0.2, ratingScore: 0.1, teamScore: 0.05 },
    { volunteerId: 'vol-2', score: 0.5, distanceKm: 4.5, distanceScore: 0.05, skillScore: 0.25, fairnessScore: 0.1, ratingScore: 0.05, teamScore: 0.05 },
  ],
}

function order(fields: Partial<RequestView> = {}): RequestView {
  return {
    requestId: 'req-1', districtId: 'cq-jiulongpo', status: 'SUBMITTED', unitId: 'st-1', platform: 'CARE', channel: 'PHONE',
    menuItemId: 'cq-jiulongpo/FIX', requesterId: 'res-1', submittedAt: '2026-03-07T08:00:00Z', appliedSequence: 3,
    maskedContact: '138****0000', address: '盘龙路 3 号', location: { latitude: 29.5, longitude: 106.5 },
    preferredFrom: '2026-03-08T01:00:00Z', preferredTo: '2026-03-08T04:00:00Z', clockStage: 'REVIEW', clockDueAt: '2026-03-07T10:00:00Z',
    answers: { appliance: 'fridge', symptom: '不制冷' }, keyedBy: 'grid-1',
    history: [
      { at: '2026-03-07T08:00:00Z', event: 'submitted', by: 'res-1', detail: 'PHONE' },
      { at: '2026-03-07T08:05:00Z', event: 'escalated', by: 'st-1', detail: 'REVIEW overdue' },
    ],
    ...fields,
  }
}

describe('an order\'s page', () => {
  let calls: Call[]
  let view: RequestView
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    view = order()
    answers = {
      'GET /api/v1/requests/req-1': () => ({ body: view, headers: { ETag: `"${view.appliedSequence}"` } }),
      'GET /api/v1/menu/items': { body: [ITEM] },
      'GET /api/v1/org-units/st-1/subtree': { body: [{ depth: 0, unit: { unitId: 'st-1', name: '盘龙实践站' } }] },
      'POST /api/v1/matching/previews': { body: CANDIDATES },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    vi.useRealTimers()
  })

  async function open(path = '/orders/req-1') {
    wrapper = (await mountPage(OrderPage, path, { path: '/orders/:requestId', name: 'order' },
      [{ path: '/', name: 'queue' }, { path: '/volunteers/:volunteerId', name: 'volunteer' }], { console: words })).wrapper
    await settle()
  }

  const posts = (path: string) => calls.filter((call) => call.method === 'POST' && call.url.pathname === path)

  it('shows the answers, the masked contact and address, the coordinates, the clock and the full history', async () => {
    await open()
    expect(wrapper.find('[data-testid=order-answers]').text()).toContain('冰箱')
    expect(wrapper.find('[data-testid=order-answers]').text()).toContain('不制冷')
    expect(wrapper.find('[data-testid=order-contact]').text()).toBe('138****0000')
    expect(wrapper.find('[data-testid=order-address]').text()).toBe('盘龙路 3 号')
    expect(wrapper.find('[data-testid=order-location]').text()).toBe('29.5, 106.5')
    expect(wrapper.find('[data-testid=order-unit]').text()).toBe('盘龙实践站')
    expect(wrapper.find('[data-testid=order-clock]').text()).toContain('1:00:00')
    expect(wrapper.findAll('[data-testid=history-entry]').map((row) => row.findAll('td').map((td) => td.text()).slice(1)))
      .toEqual([['提交', 'res-1', 'PHONE'], ['超时上报', 'st-1', 'REVIEW overdue']])
    expect(wrapper.find('[data-testid=order-keyed-by]').text()).toBe('grid-1') // keyed on the resident's behalf
    expect(wrapper.find('[data-testid=dispatch-panel]').exists()).toBe(false)
  })

  it('names no one as having keyed an order the resident placed themselves', async () => {
    view = order({ keyedBy: 'res-1' })
    await open()
    expect(wrapper.find('[data-testid=order-keyed-by]').exists()).toBe(false)
  })

  describe('review', () => {
    it('accepts with the reviewer\'s own id and the version shown (If-Match)', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/review'] = () => { view = order({ status: 'REVIEWED', appliedSequence: 4 }); return { body: { requestId: 'req-1' } } }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      const [sent] = posts('/api/v1/requests/req-1/review')
      expect(sent.body).toEqual({ accept: true, reviewerId: 'acc-9' })
      expect(sent.headers.get('If-Match')).toBe('"3"')
      expect(sent.url.searchParams.get('district')).toBe('cq-jiulongpo')
      expect(wrapper.find('[data-testid=order-done]').text()).toBe('已审核通过。')
      expect(wrapper.find('[data-testid=order-status]').attributes('data-status')).toBe('REVIEWED')
      expect(wrapper.find('[data-testid=dispatch-panel]').exists()).toBe(true)
    })

    it('rejects only with a reason, sent with the rejection', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/review'] = { body: { requestId: 'req-1' } }
      await wrapper.find('[data-testid=review-reject]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/review')).toHaveLength(0)
      expect(wrapper.find('[data-testid=review-reason-problem]').text()).toBe('驳回须写明理由。')
      await wrapper.find('[data-testid=review-reason]').setValue('  不在服务范围  ')
      await wrapper.find('[data-testid=review-reject]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/review')[0].body).toEqual({ accept: false, reviewerId: 'acc-9', reason: '不在服务范围' })
    })

    it('shows a refusal as a sentence beside the review', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/review'] = { status: 412, body: { type: 'https://practice.cloud/problems/stale-version', status: 412, detail: 'changed' } }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=review-problem]').text()).toBe('内容已被更新，请刷新后再试。')
      expect(wrapper.find('[data-testid=dispatch-problem]').exists()).toBe(false)
    })

    it('shows the order as it is now when it changed meanwhile, with the new version for the next try', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/review'] = () => {
        view = order({ appliedSequence: 7, description: '居民补充了说明' })
        return { status: 412, body: { type: 'https://practice.cloud/problems/stale-version', status: 412, detail: 'changed' } }
      }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=order-description]').text()).toBe('居民补充了说明')
      expect(wrapper.find('[data-testid=review-problem]').text()).toBe('内容已被更新，请刷新后再试。')
      answers['POST /api/v1/requests/req-1/review'] = { body: { requestId: 'req-1' } }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/review')[1].headers.get('If-Match')).toBe('"7"')
    })

    it('is where the focus lands when the queue sent the person to review (r)', async () => {
      wrapper = (await mountPage(OrderPage, '/orders/req-1?act=review', { path: '/orders/:requestId', name: 'order' }, [{ path: '/', name: 'queue' }], { console: words })).wrapper
      document.body.appendChild(wrapper.element)
      await settle()
      expect(document.activeElement).toBe(wrapper.find('[data-testid=review-accept]').element)
    })
  })

  describe('dispatch', () => {
    beforeEach(() => { view = order({ status: 'REVIEWED', clockStage: 'DISPATCH' }) })

    it('asks the matching preview about the order\'s platform, item, place, unit and window', async () => {
      await open()
      const [preview] = posts('/api/v1/matching/previews')
      expect(preview.url.searchParams.get('district')).toBe('cq-jiulongpo')
      expect(preview.body).toEqual({ platform: 'CARE', menuItemId: 'cq-jiulongpo/FIX', responsibleUnitId: 'st-1', limit: 20, location: { latitude: 29.5, longitude: 106.5 },
        minimumSkillLevel: 2, peopleNeeded: 2,
        windowFrom: '2026-03-08T01:00:00Z', windowTo: '2026-03-08T04:00:00Z' })
      expect(wrapper.findAll('[data-testid=candidate]').map((row) => row.attributes('data-volunteer-id'))).toEqual(['vol-1', 'vol-2'])
    })

    it('explains every candidate\'s score by its components', async () => {
      await open()
      const first = wrapper.findAll('[data-testid=score-explanation]')[0]
      expect(first.find('[data-testid=score-total]').text()).toBe('1.000')
      const part = (key: string) => first.find(`[data-testid=score-${key}]`).text().replace(/\s+/g, ' ')
      expect(part('distance')).toBe('距离 0.400 (40%) · 1.2 公里')
      expect(part('skill')).toBe('技能 0.250 (25%)')
      expect(part('fairness')).toBe('负荷均衡 0.200 (20%)')
      expect(part('rating')).toBe('评价 0.100 (10%)')
      expect(part('team')).toBe('服务队 0.050 (5%)')
      const second = wrapper.findAll('[data-testid=score-explanation]')[1]
      expect(second.find('[data-testid=score-team]').text().replace(/\s+/g, ' ')).toBe('服务队 0.050 (10%)')
    })

    it('dispatches to the candidates picked, whatever the matching added to the order meanwhile', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/dispatch'] = { body: { requestId: 'req-1' } }
      await wrapper.find('[data-testid=pick-vol-2]').setValue(true)
      await wrapper.find('[data-testid=pick-vol-1]').setValue(true)
      await wrapper.find('[data-testid=dispatch-send]').trigger('click')
      await settle()
      const [sent] = posts('/api/v1/requests/req-1/dispatch')
      expect(sent.body).toEqual({ volunteerIds: ['vol-2', 'vol-1'] })
      expect(sent.headers.get('If-Match')).toBeNull()
      expect(wrapper.find('[data-testid=order-done]').text()).toBe('已派单。')
    })

    it('dispatches to a suggested team', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/dispatch'] = { body: { requestId: 'req-1' } }
      await wrapper.find('[data-testid=dispatch-team]').setValue('team-7')
      await wrapper.find('[data-testid=dispatch-send]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/dispatch')[0].body).toEqual({ teamId: 'team-7' })
    })

    it('asks for someone before sending, and shows a refusal beside the dispatch', async () => {
      await open()
      await wrapper.find('[data-testid=dispatch-send]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/dispatch')).toHaveLength(0)
      expect(wrapper.find('[data-testid=dispatch-problem]').text()).toBe('请至少选择一名志愿者或一支服务队。')
      answers['POST /api/v1/requests/req-1/dispatch'] = { status: 409, body: { type: 'https://practice.cloud/problems/illegal-transition', status: 409, detail: 'dispatch in ACCEPTED' } }
      await wrapper.find('[data-testid=pick-vol-1]').setValue(true)
      await wrapper.find('[data-testid=dispatch-send]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=dispatch-problem]').text()).toBe('订单当前的状态不能这样操作（dispatch in ACCEPTED）。')
    })

    it('offers to dispatch again while nobody accepted, naming who has it now', async () => {
      view = order({ status: 'DISPATCHED', offeredTo: ['vol-3'] })
      await open()
      expect(wrapper.find('#dispatch-title').text()).toBe('重新派单')
      expect(wrapper.find('[data-testid=dispatch-offered]').text()).toContain('vol-3')
    })

    it('shows why there is no preview when the matching refuses', async () => {
      answers['POST /api/v1/matching/previews'] = { status: 422, body: { type: 'https://practice.cloud/problems/unknown-unit', status: 422, detail: 'no', field: 'responsibleUnitId' } }
      await open()
      expect(wrapper.find('[data-testid=preview-problem]').text()).toBe('请选择本区开放的实践站或实践所。')
      expect(wrapper.find('[data-testid=candidates]').exists()).toBe(false)
    })
  })

  it('cancels for the requester, with the reason', async () => {
    view = order({ status: 'ACCEPTED', volunteerId: 'vol-1' })
    await open()
    expect(wrapper.find('[data-testid=review-form]').exists()).toBe(false)
    answers['POST /api/v1/requests/req-1/cancel'] = { body: { requestId: 'req-1' } }
    await wrapper.find('[data-testid=cancel-reason]').setValue('居民电话取消')
    await wrapper.find('[data-testid=cancel-send]').trigger('click')
    await settle()
    expect(posts('/api/v1/requests/req-1/cancel')[0].body).toEqual({ requesterId: 'res-1', reason: '居民电话取消' })
  })

  describe('staff notes', () => {
    it('adds a note to a closed order with the version shown, and shows it in the history once read again', async () => {
      view = order({ status: 'RATED', clockDueAt: undefined })
      await open()
      answers['POST /api/v1/requests/req-1/notes'] = () => {
        view = order({ status: 'RATED', clockDueAt: undefined, appliedSequence: 4, history: [...order().history!,
          { at: '2026-03-07T09:00:00Z', event: 'noted-by-staff', by: 'acc-9', detail: '已电话回访，老人满意' }] })
        return { body: { requestId: 'req-1' } }
      }
      await wrapper.find('[data-testid=notes-text]').setValue('  已电话回访，老人满意 ')
      await wrapper.find('[data-testid=notes-send]').trigger('click')
      await settle()
      const [sent] = posts('/api/v1/requests/req-1/notes')
      expect(sent.body).toEqual({ text: '已电话回访，老人满意' })
      expect(sent.headers.get('If-Match')).toBe('"3"')
      expect(sent.url.searchParams.get('district')).toBe('cq-jiulongpo')
      expect(wrapper.find('[data-testid=order-done]').text()).toBe('备注已添加。')
      expect(wrapper.find('[data-testid=order-history]').text()).toContain('工作备注')
      expect(wrapper.find('[data-testid=order-history]').text()).toContain('已电话回访，老人满意')
      expect((wrapper.find('[data-testid=notes-text]').element as HTMLTextAreaElement).value).toBe('')
    })

    it('asks for a text within the limit before sending, counting characters', async () => {
      await open()
      await wrapper.find('[data-testid=notes-send]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=notes-text-problem]').text()).toBe('请写下备注内容。')
      await wrapper.find('[data-testid=notes-text]').setValue('😀'.repeat(501))
      await wrapper.find('[data-testid=notes-send]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=notes-text-problem]').text()).toBe('备注最多 500 个字。')
      expect(posts('/api/v1/requests/req-1/notes')).toHaveLength(0)
    })

    it('shows a refusal as a sentence beside the note and keeps the text', async () => {
      await open()
      answers['POST /api/v1/requests/req-1/notes'] = { status: 404, body: { type: 'https://practice.cloud/problems/not-found', status: 404, detail: 'not found' } }
      await wrapper.find('[data-testid=notes-text]').setValue('需要上级协调')
      await wrapper.find('[data-testid=notes-send]').trigger('click')
      await settle()
      expect(wrapper.find('[data-testid=notes-problem]').text()).not.toBe('')
      expect((wrapper.find('[data-testid=notes-text]').element as HTMLTextAreaElement).value).toBe('需要上级协调')
    })
  })

  it('offers nothing for a closed order', async () => {
    view = order({ status: 'RATED', clockDueAt: undefined })
    await open()
    expect(wrapper.find('[data-testid=order-no-actions]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=order-clock]').exists()).toBe(false)
  })
  describe('names', () => {
    beforeEach(() => {
      answers['GET /api/v1/volunteers/vol-1'] = { body: { volunteerId: 'vol-1', maskedName: '张*明' } }
      answers['GET /api/v1/volunteers/vol-5'] = { body: { volunteerId: 'vol-5', maskedName: '赵*' } }
      answers['GET /api/v1/teams/team-7'] = { body: { teamId: 'team-7', name: '盘龙关爱服务队', leaderVolunteerId: 'vol-5' } }
    })

    it('shows the volunteer by masked name, linked to their profile', async () => {
      view = order({ status: 'ACCEPTED', volunteerId: 'vol-1' })
      await open()
      expect(wrapper.find('[data-testid=order-volunteer]').text()).toBe('张*明')
      expect(wrapper.find('[data-testid=order-volunteer-profile]').attributes('href')).toBe('/volunteers/vol-1')
      expect(Object.fromEntries(calls.find((call) => call.url.pathname === '/api/v1/volunteers/vol-1')!.url.searchParams)).toEqual({ district: 'cq-jiulongpo' })
    })

    it('shows the team by name with its leader linked', async () => {
      view = order({ status: 'ACCEPTED', teamId: 'team-7' })
      await open()
      expect(wrapper.find('[data-testid=order-team]').text().replace(/\s+/g, ' ')).toBe('盘龙关爱服务队 · 队长 赵*')
      expect(wrapper.find('[data-testid=order-team-leader]').attributes('href')).toBe('/volunteers/vol-5')
    })

    it('leaves the id shown where the registry names no one', async () => {
      answers['GET /api/v1/volunteers/vol-1'] = { status: 404, body: { type: 'https://practice.cloud/problems/not-found', status: 404, detail: 'no' } }
      view = order({ status: 'ACCEPTED', volunteerId: 'vol-1' })
      await open()
      expect(wrapper.find('[data-testid=order-volunteer]').text()).toBe('vol-1')
      expect(wrapper.find('[data-testid=order-volunteer] a').exists()).toBe(false)
    })

    it('names the candidates of the dispatch too, asking the registry once per person for the page', async () => {
      view = order({ status: 'REVIEWED', clockStage: 'DISPATCH' })
      await open()
      expect(wrapper.find('[data-testid=candidate][data-volunteer-id="vol-1"] [data-testid=candidate-name]').text()).toBe('张*明')
      expect(wrapper.find('[data-testid=dispatch-team] option[value="team-7"]').text()).toBe('盘龙关爱服务队')
      await wrapper.find('[data-testid=preview-reload]').trigger('click')
      await settle()
      expect(calls.filter((call) => call.url.pathname === '/api/v1/volunteers/vol-1')).toHaveLength(1)
    })
  })

  describe('live', () => {
    let streams: ReturnType<typeof eventStream>[]
    let signals: AbortSignal[]
    const wait = pauses.wait

    beforeEach(() => {
      streams = []
      signals = []
      answers['GET /api/v1/requests/live'] = () => {
        const stream = eventStream()
        streams.push(stream)
        return { body: stream.body }
      }
      answers['GET /api/v1/volunteers/vol-1'] = { body: { volunteerId: 'vol-1', maskedName: '张*明' } }
      const answer = globalThis.fetch
      globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
        if (String(input instanceof Request ? input.url : input).includes('/api/v1/requests/live') && init?.signal) signals.push(init.signal)
        return answer(input, init)
      }) as typeof fetch
      pauses.wait = () => new Promise(() => undefined) // a dropped stream is not reopened here
    })

    afterEach(() => { pauses.wait = wait })

    const orderGets = () => calls.filter((call) => call.method === 'GET' && call.url.pathname === '/api/v1/requests/req-1')
    const status = () => wrapper.find('[data-testid=order-status]').attributes('data-status')

    it('follows the person\'s unit on the live stream and fetches the order again when it opens', async () => {
      await open()
      const [stream] = calls.filter((call) => call.url.pathname === '/api/v1/requests/live')
      expect(Object.fromEntries(stream.url.searchParams)).toEqual({ district: 'cq-jiulongpo', unitId: 'st-1' })
      expect(orderGets()).toHaveLength(1)
      streams[0].send(READY)
      await settle()
      expect(orderGets()).toHaveLength(2)
      expect(wrapper.find('[data-testid=order-live]').attributes('data-state')).toBe('open')
    })

    it('shows a volunteer\'s acceptance as it comes, without fetching the order', async () => {
      view = order({ status: 'DISPATCHED', clockStage: 'ACCEPT', offeredTo: ['vol-1'], appliedSequence: 5 })
      await open()
      streams[0].send(READY)
      await settle()
      expect(wrapper.find('[data-testid=dispatch-panel]').attributes('style') ?? '').not.toContain('display: none')
      const fetched = orderGets().length
      const accepted = order({ status: 'ACCEPTED', clockStage: 'COMPLETE', volunteerId: 'vol-1', appliedSequence: 6,
        history: [...order().history!, { at: '2026-03-07T08:50:00Z', event: 'accepted', by: 'vol-1' }] })
      streams[0].send(requestEvent(accepted, 6))
      await settle()
      expect(status()).toBe('ACCEPTED')
      expect(wrapper.find('[data-testid=order-status]').text()).toBe('已接单')
      expect(wrapper.findAll('[data-testid=history-entry]').map((row) => row.attributes('data-event'))).toEqual(['submitted', 'escalated', 'accepted'])
      expect(wrapper.find('[data-testid=order-volunteer]').text()).toBe('张*明')
      expect(wrapper.find('[data-testid=dispatch-panel]').attributes('style')).toContain('display: none')
      expect(wrapper.find('[data-testid=order-changed]').text()).toBe('订单刚有变化：已接单。')
      expect(orderGets()).toHaveLength(fetched)
    })

    it('sends the version of the view the live stream showed with the next action', async () => {
      await open()
      streams[0].send(READY)
      await settle()
      streams[0].send(requestEvent(order({ appliedSequence: 4, description: '居民补充：冷藏室不制冷' }), 4))
      await settle()
      expect(wrapper.find('[data-testid=order-description]').text()).toBe('居民补充：冷藏室不制冷')
      answers['POST /api/v1/requests/req-1/review'] = { body: { requestId: 'req-1' } }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/review')[0].headers.get('If-Match')).toBe('"4"')
    })

    it('ignores other orders and changes older than the one shown', async () => {
      view = order({ appliedSequence: 5 })
      await open()
      streams[0].send(READY)
      await settle()
      streams[0].send(requestEvent(order({ requestId: 'req-2', status: 'CANCELLED', appliedSequence: 9 }), 9))
      streams[0].send(requestEvent(order({ status: 'REVIEWED', appliedSequence: 4 }), 4))
      await settle()
      expect(status()).toBe('SUBMITTED')
      expect(wrapper.find('[data-testid=order-changed]').text()).toBe('')
      answers['POST /api/v1/requests/req-1/review'] = { body: { requestId: 'req-1' } }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      expect(posts('/api/v1/requests/req-1/review')[0].headers.get('If-Match')).toBe('"5"')
    })

    it('keeps a live change a slower fetch would undo', async () => {
      await open()
      let answerOld!: () => void
      const held = new Promise<void>((resolve) => { answerOld = resolve })
      const answer = globalThis.fetch
      globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = new URL(input instanceof Request ? input.url : String(input))
        if (url.pathname === '/api/v1/requests/req-1') {
          const response = await answer(input, init) // the order as it was (sequence 3), answered late
          await held
          return response
        }
        return answer(input, init)
      }) as typeof fetch
      streams[0].send(READY)
      await settle()
      streams[0].send(requestEvent(order({ status: 'REVIEWED', clockStage: 'DISPATCH', appliedSequence: 4 }), 4))
      await settle()
      answerOld()
      await settle()
      expect(status()).toBe('REVIEWED')
    })

    it('asks again when the order left the person\'s subtree, and shows a refusal as a sentence', async () => {
      await open()
      streams[0].send(READY)
      await settle()
      const fetched = orderGets().length
      answers['GET /api/v1/requests/req-1'] = { status: 404, body: { type: 'https://practice.cloud/problems/not-found', status: 404, detail: 'no' } }
      streams[0].send(leftEvent('req-2', 8) + leftEvent('req-1', 9))
      await settle()
      expect(orderGets()).toHaveLength(fetched + 1)
      expect(wrapper.find('[data-testid=order-problem]').text()).toBe('没有找到，可能已被删除。')
    })

    it('does not announce the change its own action made', async () => {
      await open()
      streams[0].send(READY)
      await settle()
      answers['POST /api/v1/requests/req-1/review'] = () => {
        streams[0].send(requestEvent(order({ status: 'REVIEWED', clockStage: 'DISPATCH', appliedSequence: 4 }), 4))
        return { body: { requestId: 'req-1' } }
      }
      await wrapper.find('[data-testid=review-accept]').trigger('click')
      await settle()
      expect(status()).toBe('REVIEWED')
      expect(wrapper.find('[data-testid=order-done]').text()).toBe('已审核通过。')
      expect(wrapper.find('[data-testid=order-changed]').text()).toBe('')
    })

    it('says the dispatch is done even when the live stream showed it first', async () => {
      view = order({ status: 'REVIEWED', clockStage: 'DISPATCH' })
      await open()
      streams[0].send(READY)
      await settle()
      answers['POST /api/v1/requests/req-1/dispatch'] = () => {
        streams[0].send(requestEvent(order({ status: 'DISPATCHED', clockStage: 'ACCEPT', offeredTo: ['vol-1'], appliedSequence: 4 }), 4))
        return { body: { requestId: 'req-1' } }
      }
      await wrapper.find('[data-testid=pick-vol-1]').setValue(true)
      await wrapper.find('[data-testid=dispatch-send]').trigger('click')
      await settle()
      expect(status()).toBe('DISPATCHED')
      expect(wrapper.find('[data-testid=order-done]').text()).toBe('已派单。')
      expect(wrapper.find('#dispatch-title').text()).toBe('重新派单')
      expect(wrapper.find('[data-testid=dispatch-offered]').text()).toBe('已派给：张*明')
    })

    it('is accessible with a live change shown and the names linked', async () => {
      answers['GET /api/v1/teams/team-7'] = { body: { teamId: 'team-7', name: '盘龙关爱服务队', leaderVolunteerId: 'vol-1' } }
      view = order({ status: 'DISPATCHED', clockStage: 'ACCEPT', teamId: 'team-7' })
      await open()
      document.body.appendChild(wrapper.element)
      streams[0].send(READY + requestEvent(order({ status: 'ACCEPTED', clockStage: 'COMPLETE', teamId: 'team-7', volunteerId: 'vol-1', appliedSequence: 4 }), 4))
      await settle()
      expect(wrapper.find('[data-testid=order-changed]').text()).not.toBe('')
      expect(wrapper.find('[data-testid=order-team-leader]').exists()).toBe(true)
      expect(await axeViolations()).toEqual([])
      document.body.innerHTML = ''
    })

    it('closes the stream when the person leaves the page', async () => {
      await open()
      const [signal] = signals
      expect(signal.aborted).toBe(false)
      wrapper.unmount()
      expect(signal.aborted).toBe(true)
    })
  })
})
