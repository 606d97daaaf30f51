import { answer, calls, json, problem, type Answer, type Call } from './fetchStub'
import { beforeEach, describe, expect, it } from 'vitest'
import { DISTRICT, logInAs, mountPage, settle } from './harness'
import ActivitiesPage from '../ActivitiesPage.vue'

const ME = 'vol-me'
const DAY = 24 * 3_600_000
const at = (offset: number) => new Date(Date.now() + offset).toISOString()
const OPEN = { activityId: 'act-open', title: '垃圾分类宣传', platform: 'CIVILIZATION', place: '盘龙社区广场', startsAt: at(3 * DAY), endsAt: at(3 * DAY + 7_200_000),
  volunteerCapacity: 3, residentCapacity: 50, participants: { 'vol-2': 'VOLUNTEER', 'acc-9': 'RESIDENT' }, checkedIn: {}, closed: false }
const MINE = { ...OPEN, activityId: 'act-mine', title: '敬老院探访', participants: { [ME]: 'VOLUNTEER' } }
const FULL = { ...OPEN, activityId: 'act-full', title: '义诊', volunteerCapacity: 1 }
const PAST = { ...OPEN, activityId: 'act-past', title: '上月活动', startsAt: at(-30 * DAY), endsAt: at(-30 * DAY + 7_200_000) }

function platform(act: (call: Call) => Answer = () => json({ activityId: 'x' })) {
  answer((call) => {
    if (call.path === '/api/v1/activities' && call.method === 'GET') return json({ items: [MINE, OPEN, FULL, PAST], page: 0, size: 100, total: 4 })
    if (call.method === 'POST') return act(call)
    return undefined
  })
}

type Wrapper = Awaited<ReturnType<typeof mountPage>>['wrapper']
const cardOf = (wrapper: Wrapper, title: string) => wrapper.findAll('li.card').find((card) => card.find('h2').text() === title)!

describe('ActivitiesPage', () => {
  beforeEach(() => logInAs({ role: 'VOLUNTEER', volunteerId: ME }))

  it('lists what is still ahead with the volunteer places left', async () => {
    platform()
    const { wrapper } = await mountPage(ActivitiesPage, '/volunteer/activities')
    expect(calls[0].query.get('district')).toBe(DISTRICT)
    expect(wrapper.findAll('li.card h2').map((title) => title.text())).not.toContain('上月活动')
    expect(cardOf(wrapper, '垃圾分类宣传').text()).toContain('剩余 2 / 3')
    expect(cardOf(wrapper, '义诊').text()).toContain('名额已满')
    expect(cardOf(wrapper, '义诊').findAll('button')).toHaveLength(0)
  })

  it('signs up as a volunteer with the volunteer id', async () => {
    platform()
    const { wrapper } = await mountPage(ActivitiesPage, '/volunteer/activities')
    await cardOf(wrapper, '垃圾分类宣传').find('button').trigger('click')
    await settle()
    const signUp = calls.find((call) => call.method === 'POST')!
    expect(signUp.path).toBe('/api/v1/activities/act-open/sign-ups')
    expect(signUp.query.get('district')).toBe(DISTRICT)
    expect(signUp.body).toEqual({ participantId: ME, role: 'VOLUNTEER' })
    // The list read after the sign-up is still a moment behind (the stub answers the old one): the card shows it anyway.
    expect(calls.filter((call) => call.method === 'GET')).toHaveLength(2)
    expect(cardOf(wrapper, '垃圾分类宣传').text()).toContain('您已报名')
    expect(cardOf(wrapper, '垃圾分类宣传').text()).toContain('剩余 1 / 3')
    expect(cardOf(wrapper, '垃圾分类宣传').findAll('button').map((button) => button.text())).toEqual(['取消报名'])
  })

  it('gives a place back', async () => {
    platform()
    const { wrapper } = await mountPage(ActivitiesPage, '/volunteer/activities')
    const mine = cardOf(wrapper, '敬老院探访')
    expect(mine.text()).toContain('您已报名')
    expect(mine.findAll('button').map((button) => button.text())).toEqual(['取消报名'])
    await mine.find('button').trigger('click')
    await settle()
    expect(calls.find((call) => call.method === 'POST')!.path).toBe(`/api/v1/activities/act-mine/sign-ups/${ME}/cancel`)
    expect(cardOf(wrapper, '敬老院探访').text()).not.toContain('您已报名')
    expect(cardOf(wrapper, '敬老院探访').findAll('button').map((button) => button.text())).toEqual(['报名'])
  })

  it('shows a full activity\'s refusal on its card', async () => {
    platform(() => problem(409, 'activity-full', { detail: 'All 3 VOLUNTEER places are taken' }))
    const { wrapper } = await mountPage(ActivitiesPage, '/volunteer/activities')
    await cardOf(wrapper, '垃圾分类宣传').find('button').trigger('click')
    await settle()
    expect(cardOf(wrapper, '垃圾分类宣传').find('[role="alert"]').text()).toBe('名额已满。')
    expect(cardOf(wrapper, '敬老院探访').find('[role="alert"]').exists()).toBe(false)
  })
})
