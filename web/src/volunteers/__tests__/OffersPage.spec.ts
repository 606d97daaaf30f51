import { answer, calls, json, problem, type Answer, type Call } from './fetchStub'
import { beforeEach, describe, expect, it } from 'vitest'
import { eventually } from '../../testing/eventually'
import { DISTRICT, logInAs, mountPage, settle } from './harness'
import OffersPage from '../OffersPage.vue'

const ME = 'vol-me'
const OFFER = { requestId: 'req-offer', status: 'DISPATCHED', platform: 'CARE', menuItemId: 'CARE-ESCORT', offeredTo: [ME], declinedBy: [],
  description: '老人复诊需陪同', address: '盘龙社区 3 栋' }
const ASSIGNED = { requestId: 'req-job', status: 'ACCEPTED', platform: 'CARE', menuItemId: 'CARE-ESCORT', volunteerId: ME, offeredTo: [], declinedBy: [] }
const WAITING = { requestId: 'req-open', status: 'REVIEWED', platform: 'CARE', menuItemId: 'CARE-ESCORT', offeredTo: [], declinedBy: [] }

function platform(teams: object[] = [], act: (call: Call) => Answer = () => json({ requestId: 'x' })) {
  answer((call) => {
    if (call.path === '/api/v1/requests' && call.query.get('claimable') === 'true') return json({ items: [WAITING], page: 0, size: 200, total: 1 })
    if (call.path === '/api/v1/requests') return json({ items: [OFFER, ASSIGNED], page: 0, size: 200, total: 2 })
    if (call.path === '/api/v1/teams') return json({ items: teams, page: 0, size: 50, total: teams.length })
    if (call.method === 'POST') return act(call)
    return undefined
  })
}

function button(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper'], text: string) {
  const found = wrapper.findAll('button').find((candidate) => candidate.text() === text)
  if (!found) throw new Error('no button ' + text)
  return found
}

describe('OffersPage', () => {
  beforeEach(() => logInAs({ role: 'VOLUNTEER', volunteerId: ME }))

  it('lists the volunteer\'s own offers only, without the address', async () => {
    platform()
    const { wrapper } = await mountPage(OffersPage, '/volunteer/offers')
    expect(calls[0].query.get('volunteerId')).toBe(ME)
    expect(calls[0].query.get('district')).toBe(DISTRICT)
    expect(wrapper.text()).toContain('老人复诊需陪同')
    expect(wrapper.findAll('li.card')).toHaveLength(1)
    expect(wrapper.text()).not.toContain('盘龙社区 3 栋')
  })

  it('accepts an offer as the volunteer of the token and goes to the assignments', async () => {
    platform()
    const { wrapper, router } = await mountPage(OffersPage, '/volunteer/offers')
    await button(wrapper, '接单').trigger('click')
    await settle()
    const accept = calls.find((call) => call.method === 'POST')!
    expect(accept.path).toBe('/api/v1/requests/req-offer/accept')
    expect(accept.query.get('district')).toBe(DISTRICT)
    expect(accept.body).toEqual({ volunteerId: ME })
    await eventually(() => expect(router.currentRoute.value.path).toBe('/volunteer/assignments'))
  })

  it('shows a lost race on the request it concerns', async () => {
    platform([], () => problem(409, 'already-accepted', { detail: 'accepted by another volunteer' }))
    const { wrapper, router } = await mountPage(OffersPage, '/volunteer/offers')
    await button(wrapper, '接单').trigger('click')
    await settle()
    expect(wrapper.find('li.card [role="alert"]').text()).toBe('这个订单已被接单。')
    expect(router.currentRoute.value.path).toBe('/volunteer/offers')
  })

  it('declines with the reason typed', async () => {
    platform()
    const { wrapper } = await mountPage(OffersPage, '/volunteer/offers')
    await button(wrapper, '不接').trigger('click')
    await wrapper.find('li.card textarea').setValue('  那天要上班  ')
    await wrapper.find('li.card form').trigger('submit')
    await settle()
    const decline = calls.find((call) => call.method === 'POST')!
    expect(decline.path).toBe('/api/v1/requests/req-offer/decline')
    expect(decline.body).toEqual({ volunteerId: ME, reason: '那天要上班' })
  })

  it('shows the service\'s word on the reason next to the reason', async () => {
    platform([], () => problem(400, 'invalid-field', { errors: [{ field: 'reason', message: 'size must be between 0 and 500' }] }))
    const { wrapper } = await mountPage(OffersPage, '/volunteer/offers')
    await button(wrapper, '不接').trigger('click')
    await wrapper.find('li.card textarea').setValue('太远')
    await wrapper.find('li.card form').trigger('submit')
    await settle()
    expect(wrapper.find('li.card form [role="alert"]').text()).toBe('长度须在 0 到 500 之间。')
  })

  it('keeps a decline reason being typed as a draft', async () => {
    platform()
    const { wrapper } = await mountPage(OffersPage, '/volunteer/offers')
    await button(wrapper, '不接').trigger('click')
    await wrapper.find('li.card textarea').setValue('时间冲突')
    await settle()
    expect(JSON.parse(sessionStorage.getItem('practice-web.draft.volunteers.decline')!)).toEqual({ 'req-offer': '时间冲突' })
  })

  it('asks nothing about claims of a volunteer who leads no team', async () => {
    platform([{ teamId: 'team-1', leaderVolunteerId: 'vol-other', status: 'ACTIVE', name: '关爱队' }])
    const { wrapper } = await mountPage(OffersPage, '/volunteer/offers')
    expect(calls.some((call) => call.query.get('claimable') === 'true')).toBe(false)
    expect(wrapper.text()).not.toContain('服务队抢单')
  })

  it('lets a team leader claim an order waiting for dispatch for their team', async () => {
    logInAs({ role: 'TEAM_LEADER', volunteerId: ME })
    platform([{ teamId: 'team-care', leaderVolunteerId: ME, status: 'ACTIVE', name: '盘龙关爱队', platforms: ['CARE'] }])
    const { wrapper, router } = await mountPage(OffersPage, '/volunteer/offers')
    expect(wrapper.text()).toContain('您是 盘龙关爱队 的队长')
    await button(wrapper, '抢单').trigger('click')
    await settle()
    const claim = calls.find((call) => call.method === 'POST')!
    expect(claim.path).toBe('/api/v1/requests/req-open/claim')
    expect(claim.body).toEqual({ teamId: 'team-care', leaderId: ME })
    await eventually(() => expect(router.currentRoute.value.path).toBe('/volunteer/assignments'))
  })

  it('names a refused claim', async () => {
    logInAs({ role: 'TEAM_LEADER', volunteerId: ME })
    platform([{ teamId: 'team-care', leaderVolunteerId: ME, status: 'ACTIVE', name: '盘龙关爱队', platforms: [] }],
      () => problem(409, 'not-open', { detail: 'Only an order waiting for dispatch can be claimed' }))
    const { wrapper } = await mountPage(OffersPage, '/volunteer/offers')
    await button(wrapper, '抢单').trigger('click')
    await settle()
    const claimCard = wrapper.findAll('li.card').find((card) => card.text().includes('抢单'))!
    expect(claimCard.find('[role="alert"]').text()).toBe('这个订单已不能抢单。')
  })
})
