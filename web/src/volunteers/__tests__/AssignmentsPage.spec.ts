import { answer, calls, json, problem, type Answer, type Call } from './fetchStub'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { DISTRICT, logInAs, mountPage, settle } from './harness'
import AssignmentsPage from '../AssignmentsPage.vue'

const ME = 'vol-me'
const base = { platform: 'CARE', menuItemId: 'CARE-ESCORT', offeredTo: [], declinedBy: [], address: '盘龙社区 3 栋 2 单元', maskedContact: '138****5678' }
const ACCEPTED = { ...base, requestId: 'req-a', status: 'ACCEPTED', volunteerId: ME }
const SERVING = { ...base, requestId: 'req-s', status: 'IN_SERVICE', volunteerId: ME, checkedInAt: '2026-03-01T01:00:00Z' }
const SERVED = { ...base, requestId: 'req-d', status: 'SERVED', volunteerId: ME, checkedInAt: '2026-03-01T01:00:00Z', checkedOutAt: '2026-03-01T03:00:00Z' }
const OFFERED = { ...base, requestId: 'req-o', status: 'DISPATCHED', offeredTo: [ME] }

function platform(items: object[], act: (call: Call) => Answer = () => json({ requestId: 'x' })) {
  answer((call) => {
    if (call.path === '/api/v1/requests' && call.method === 'GET') return json({ items, page: 0, size: 200, total: items.length })
    if (call.path.endsWith('/evidence') && call.method === 'GET') return json([])
    if (call.method === 'POST') return act(call)
    return undefined
  })
}

type Wrapper = Awaited<ReturnType<typeof mountPage>>['wrapper']

function card(wrapper: Wrapper, requestId: string) {
  const index = ({ 'req-a': 0, 'req-s': 1, 'req-d': 2 } as Record<string, number>)[requestId]
  return wrapper.findAll('li.card')[index]
}

function button(scope: ReturnType<Wrapper['find']>, text: string) {
  const found = scope.findAll('button').find((candidate) => candidate.text() === text)
  if (!found) throw new Error('no button ' + text)
  return found
}

describe('AssignmentsPage', () => {
  const getCurrentPosition = vi.fn()

  beforeEach(() => {
    logInAs({ role: 'VOLUNTEER', volunteerId: ME })
    getCurrentPosition.mockReset()
    vi.stubGlobal('navigator', { ...navigator, geolocation: { getCurrentPosition } })
  })
  afterEach(() => vi.unstubAllGlobals())

  it('lists only the volunteer\'s own assignments in progress, with the address while on the job', async () => {
    platform([ACCEPTED, SERVING, SERVED, OFFERED])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    expect(calls[0].query.get('volunteerId')).toBe(ME)
    expect(wrapper.findAll('li.card')).toHaveLength(3)
    expect(card(wrapper, 'req-a').text()).toContain('盘龙社区 3 栋 2 单元')
    expect(card(wrapper, 'req-s').text()).toContain('盘龙社区 3 栋 2 单元')
    // checked out: the address is no longer shown
    expect(card(wrapper, 'req-d').text()).not.toContain('盘龙社区 3 栋 2 单元')
  })

  it('checks in without a position unless the volunteer asks for one', async () => {
    platform([ACCEPTED])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    await card(wrapper, 'req-a').find('form').trigger('submit')
    await settle()
    expect(getCurrentPosition).not.toHaveBeenCalled()
    const checkIn = calls.find((call) => call.method === 'POST')!
    expect(checkIn.path).toBe('/api/v1/requests/req-a/check-in')
    expect(checkIn.query.get('district')).toBe(DISTRICT)
    expect(checkIn.body).toEqual({ volunteerId: ME })
  })

  it('checks in with the position and time when the volunteer gives them', async () => {
    getCurrentPosition.mockImplementation((found: PositionCallback) => found({ coords: { latitude: 29.507, longitude: 106.511 } } as GeolocationPosition))
    platform([ACCEPTED])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    await button(card(wrapper, 'req-a'), '使用我的位置').trigger('click')
    await settle()
    expect(card(wrapper, 'req-a').text()).toContain('已获取位置')
    await card(wrapper, 'req-a').find('input[type="datetime-local"]').setValue('2026-03-01T09:05')
    await card(wrapper, 'req-a').find('form').trigger('submit')
    await settle()
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({
      volunteerId: ME, at: new Date('2026-03-01T09:05').toISOString(), location: { latitude: 29.507, longitude: 106.511 },
    })
  })

  it('goes on without a position the phone cannot give', async () => {
    getCurrentPosition.mockImplementation((_found: PositionCallback, failed: PositionErrorCallback) => failed({ code: 1 } as GeolocationPositionError))
    platform([ACCEPTED])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    await button(card(wrapper, 'req-a'), '使用我的位置').trigger('click')
    await settle()
    expect(card(wrapper, 'req-a').text()).toContain('没有获取到位置，将不带位置签到')
    await card(wrapper, 'req-a').find('form').trigger('submit')
    await settle()
    expect(calls.find((call) => call.method === 'POST')!.body).toEqual({ volunteerId: ME })
  })

  it('offers photos with the check-out while in service and with the completion once served, not before', async () => {
    platform([ACCEPTED, SERVING, SERVED])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    expect(card(wrapper, 'req-a').find('section.evidence').exists()).toBe(false)
    expect(card(wrapper, 'req-s').find('section.evidence input[type="file"]').exists()).toBe(true)
    expect(card(wrapper, 'req-d').find('section.evidence').exists()).toBe(true)
    const lists = calls.filter((call) => call.path.endsWith('/evidence')).map((call) => call.path)
    expect(lists).toEqual(['/api/v1/requests/req-s/evidence', '/api/v1/requests/req-d/evidence'])
  })

  it('checks out with notes', async () => {
    platform([SERVING])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    const serving = wrapper.find('li.card')
    expect(serving.find('textarea').exists()).toBe(true)
    expect(serving.findAll('form'), 'the photos take no form of their own').toHaveLength(1)
    await serving.find('textarea').setValue(' 陪同完成复诊，下周需复查 ')
    await serving.find('form').trigger('submit')
    await settle()
    const checkOut = calls.find((call) => call.method === 'POST')!
    expect(checkOut.path).toBe('/api/v1/requests/req-s/check-out')
    expect(checkOut.body).toEqual({ volunteerId: ME, notes: '陪同完成复诊，下周需复查' })
  })

  it('refuses a check-out time before the check-in without calling the service', async () => {
    platform([SERVING])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    const serving = wrapper.find('li.card')
    const before = new Date(new Date(SERVING.checkedInAt).getTime() - 60 * 60_000)
    const local = new Date(before.getTime() - before.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
    await serving.find('input[type="datetime-local"]').setValue(local)
    await serving.find('form').trigger('submit')
    await settle()
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0)
    expect(serving.find('[role="alert"]').text()).toBe('签退时间要晚于签到时间。')
  })

  it('completes a served request', async () => {
    platform([SERVED])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    await wrapper.find('li.card form').trigger('submit')
    await settle()
    const complete = calls.find((call) => call.method === 'POST')!
    expect(complete.path).toBe('/api/v1/requests/req-d/complete')
    expect(complete.body).toEqual({ volunteerId: ME })
  })

  it('shows the service\'s answer on the time next to the time', async () => {
    platform([ACCEPTED], () => problem(400, 'invalid-field', { detail: "'at' lies in the future", field: 'at' }))
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    await card(wrapper, 'req-a').find('form').trigger('submit')
    await settle()
    const time = card(wrapper, 'req-a').find('input[type="datetime-local"]').element.closest('.van-cell')!
    const alert = time.nextElementSibling!.nextElementSibling!
    expect(alert.getAttribute('role')).toBe('alert')
    expect(alert.textContent).toBe("'at' lies in the future")
  })

  it('keeps typed notes as a draft but never the position', async () => {
    getCurrentPosition.mockImplementation((found: PositionCallback) => found({ coords: { latitude: 29.5, longitude: 106.5 } } as GeolocationPosition))
    platform([ACCEPTED, SERVING])
    const { wrapper } = await mountPage(AssignmentsPage, '/volunteer/assignments')
    await button(card(wrapper, 'req-a'), '使用我的位置').trigger('click')
    await card(wrapper, 'req-s').find('textarea').setValue('带了轮椅')
    await settle()
    const draft = sessionStorage.getItem('practice-web.draft.volunteers.assignments')!
    expect(JSON.parse(draft)['req-s'].notes).toBe('带了轮椅')
    expect(draft).not.toContain('29.5')
  })
})
