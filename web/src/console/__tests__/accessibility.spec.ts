/*
 * axe-core's WCAG 2.1 A/AA rules on the console's pages as mounted here (the browser test runs them again on the real
 * pages, where layout-dependent rules such as colour contrast can be checked too).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import QueuePage from '../QueuePage.vue'
import OrderPage from '../OrderPage.vue'
import ConsoleApp from '../ConsoleApp.vue'
import VolunteersPage from '../VolunteersPage.vue'
import VolunteerProfilePage from '../VolunteerProfilePage.vue'
import ActivitiesPage from '../ActivitiesPage.vue'
import ActivityPage from '../ActivityPage.vue'
import * as words from '../messages'
import type { RequestView } from '../live'
import { answerCalls, logInAs, mountPage, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { eventStream, READY } from '../../testing/eventStream'

const view: RequestView = {
  requestId: 'req-1', status: 'REVIEWED', unitId: 'st-1', platform: 'CARE', channel: 'APP', menuItemId: 'cq-jiulongpo/FIX', requesterId: 'res-1',
  submittedAt: '2026-03-07T08:00:00Z', appliedSequence: 2, clockDueAt: '2026-03-07T08:30:00Z', clockStage: 'DISPATCH',
  history: [{ at: '2026-03-07T08:00:00Z', event: 'submitted', by: 'res-1' }],
}

const volunteer = {
  volunteerId: 'vol-7', maskedName: '李*华', homeUnitId: 'st-1', status: 'ACTIVE', registeredAt: '2026-02-01T02:00:00Z', contactConsent: true,
  skills: [{ platform: 'LEGAL', level: 4 }], availability: [{ day: 'SATURDAY', from: '09:00', to: '12:00' }],
  personal: { name: '李小华', phone: '13800001111', birthDate: '1990-05-06' },
}

const activity = {
  activityId: 'act-1', unitId: 'st-1', platform: 'CIVILIZATION', title: '垃圾分类宣传', place: '盘龙广场', startsAt: '2026-03-08T01:00:00Z',
  endsAt: '2026-03-08T03:00:00Z', volunteerCapacity: 10, residentCapacity: 50, participants: { 'vol-1': 'VOLUNTEER', 'acc-3': 'RESIDENT' },
  checkedIn: { 'vol-1': '2026-03-08T00:55:00Z' }, closed: false, appliedSequence: 4,
}

describe('the console\'s pages are accessible', () => {
  let wrapper: VueWrapper
  const stream = eventStream()

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: 'cq-jiulongpo', practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    answerCalls({
      'GET /api/v1/requests': { body: { items: [view], page: 0, size: 100, total: 1 } },
      'GET /api/v1/requests/live': { body: stream.body },
      'GET /api/v1/requests/req-1': { body: view },
      'GET /api/v1/menu/items': { body: [] },
      'GET /api/v1/people/me': { body: { name: '王芳' } },
      'GET /api/v1/org-units/st-1/subtree': { body: [{ depth: 0, unit: { unitId: 'st-1', name: '盘龙实践站' } }] },
      'GET /api/v1/volunteers/applications': { body: { items: [{ volunteerId: 'vol-1', maskedName: '张*明', homeUnitId: 'st-1', status: 'PENDING',
        appliedAt: '2026-03-07T01:30:00Z', skills: [{ platform: 'CARE', level: 3 }] }], page: 0, size: 50, total: 1 } },
      'GET /api/v1/volunteers/applications/vol-1': { body: { volunteerId: 'vol-1', maskedName: '张*明', personal: { name: '张小明', phone: '13800000000', birthDate: '2000-01-02' } } },
      'GET /api/v1/volunteers': { body: { items: [volunteer], page: 0, size: 20, total: 41 } },
      'GET /api/v1/volunteers/vol-7': { body: volunteer },
      'GET /api/v1/volunteers/vol-7/hours': { body: { totalHours: 3, creditHours: 3, honourHours: 0, stars: 0 } },
      'GET /api/v1/volunteers/vol-7/honour-hours': { body: [{ entryId: 'g-1', hours: 2, reason: '抗洪', grantedBy: 'acc-1', grantedAt: '2026-03-01T02:00:00Z' }] },
      'GET /api/v1/teams': { body: { items: [{ teamId: 'team-1', name: '关爱队', unitId: 'st-1', platforms: ['CARE'], capacity: 5,
        leaderVolunteerId: 'vol-7', members: [{ volunteerId: 'vol-7' }] }], page: 0, size: 50, total: 1 } },
      'GET /api/v1/activities': { body: { items: [activity], page: 0, size: 50, total: 1 } },
      'GET /api/v1/activities/act-1': { body: activity },
      'POST /api/v1/matching/previews': { body: { reach: 'SUBTREE', suggestedTeamIds: ['team-1'], candidates: [
        { volunteerId: 'vol-1', score: 0.5, distanceKm: 1, distanceScore: 0.2, skillScore: 0.1, fairnessScore: 0.1, ratingScore: 0.05, teamScore: 0.05 }] } },
    })
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  it('the work queue', async () => {
    wrapper = (await mountPage(QueuePage, '/', { path: '/', name: 'queue' }, [{ path: '/orders/:requestId', name: 'order' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    stream.send(READY)
    await settle()
    expect(wrapper.findAll('[data-testid=queue-row]')).toHaveLength(1)
    expect(await axeViolations()).toEqual([])
  })

  it('an order with its dispatch and candidates', async () => {
    wrapper = (await mountPage(OrderPage, '/orders/req-1', { path: '/orders/:requestId', name: 'order' }, [{ path: '/', name: 'queue' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
    expect(wrapper.find('[data-testid=candidate]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('the volunteers: an application with its details and a refusal without a reason, the search with its pages, the teams', async () => {
    wrapper = (await mountPage(VolunteersPage, '/volunteers', { path: '/volunteers', name: 'volunteers' },
      [{ path: '/volunteers/:volunteerId', name: 'volunteer' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
    await wrapper.find('[data-testid=details-vol-1]').trigger('click')
    await wrapper.find('[data-testid=refuse-vol-1]').trigger('click')
    await settle()
    expect(wrapper.find('[data-testid=refuse-reason-problem-vol-1]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=personal-vol-1]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=search-next]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=team]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('a volunteer\'s profile', async () => {
    wrapper = (await mountPage(VolunteerProfilePage, '/volunteers/vol-7', { path: '/volunteers/:volunteerId', name: 'volunteer' },
      [{ path: '/volunteers', name: 'volunteers' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
    expect(wrapper.find('[data-testid=volunteer-personal]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=honour]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('the activities with the publishing form and its problems', async () => {
    wrapper = (await mountPage(ActivitiesPage, '/activities', { path: '/activities', name: 'activities' },
      [{ path: '/activities/:activityId', name: 'activity' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
    await wrapper.find('[data-testid=publish-form] form').trigger('submit')
    await settle()
    expect(wrapper.find('[data-testid=publish-title-problem]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=activity-row]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('an activity with its sign-ups, attendance and closing', async () => {
    wrapper = (await mountPage(ActivityPage, '/activities/act-1', { path: '/activities/:activityId', name: 'activity' },
      [{ path: '/activities', name: 'activities' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
    expect(wrapper.find('[data-testid=check-out-vol-1]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=close-form]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('the header and the shortcuts\' help', async () => {
    wrapper = (await mountPage(ConsoleApp, '/', { path: '/', name: 'queue' },
      [{ path: '/volunteers', name: 'volunteers' }, { path: '/activities', name: 'activities' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '?' }))
    await settle()
    expect(document.querySelector('[data-testid=shortcut-help]')).not.toBeNull()
    expect(await axeViolations()).toEqual([])
  })
})
