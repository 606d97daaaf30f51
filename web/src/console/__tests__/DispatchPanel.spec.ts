/*
 * The dispatch panel names the people and teams the matching suggests: each candidate's masked name (asked of the
 * registry for all candidates at once, kept for the page) linked to their profile, the suggested teams by name, and
 * the people already offered the order; an id the registry does not name stays shown as the id.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import type { VueWrapper } from '@vue/test-utils'
import DispatchPanel from '../DispatchPanel.vue'
import * as words from '../messages'
import type { RequestView } from '../live'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'

const CANDIDATES = {
  reach: 'SUBTREE', widened: [], suggestedTeamIds: ['team-7', 'team-8'],
  candidates: [
    { volunteerId: 'vol-1', score: 1, distanceKm: 1.2, distanceScore: 0.4, skillScore: 0.25, fairnessScore: 0.2, ratingScore: 0.1, teamScore: 0.05 },
    { volunteerId: 'vol-2', score: 0.5, distanceKm: 4.5, distanceScore: 0.05, skillScore: 0.25, fairnessScore: 0.1, ratingScore: 0.05, teamScore: 0.05 },
  ],
}

const VIEW: RequestView = {
  requestId: 'req-1', status: 'REVIEWED', unitId: 'st-1', platform: 'CARE', channel: 'APP', menuItemId: 'cq-jiulongpo/FIX',
  requesterId: 'res-1', submittedAt: '2026-03-07T08:00:00Z', appliedSequence: 4, clockStage: 'DISPATCH',
}

const problem = (status: number, code: string): Answer => ({ status, body: { type: 'https://practice.cloud/problems/' + code, status, detail: code } })

describe('the dispatch panel\'s names', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper
  let view: RequestView

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true, now: Date.parse('2026-03-07T09:00:00Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    view = VIEW
    answers = {
      'POST /api/v1/matching/previews': { body: CANDIDATES },
      'GET /api/v1/volunteers/vol-1': { body: { volunteerId: 'vol-1', maskedName: '张*明' } },
      'GET /api/v1/volunteers/vol-2': { body: { volunteerId: 'vol-2', maskedName: '李*华' } },
      'GET /api/v1/volunteers/vol-3': { body: { volunteerId: 'vol-3', maskedName: '王*' } },
      'GET /api/v1/teams/team-7': { body: { teamId: 'team-7', name: '盘龙关爱服务队' } },
      'GET /api/v1/teams/team-8': { body: { teamId: 'team-8', name: '九龙义诊队' } },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open() {
    const host = defineComponent({ render: () => h(DispatchPanel, { view, district: DISTRICT }) })
    wrapper = (await mountPage(host, '/orders/req-1', { path: '/orders/:requestId', name: 'order' },
      [{ path: '/volunteers/:volunteerId', name: 'volunteer' }], { console: words })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
  }

  const gets = (path: string) => calls.filter((call) => call.method === 'GET' && call.url.pathname === path)
  const candidate = (id: string) => wrapper.find(`[data-testid=candidate][data-volunteer-id="${id}"]`)

  it('says how the service widened the search, and that a distance it could not measure is unknown', async () => {
    answers['POST /api/v1/matching/previews'] = { body: { ...CANDIDATES, reach: 'RADIUS', radiusKm: 20,
      widened: ['radius 10.0 km', 'radius 20.0 km', 'parent unit i-3', 'nearby teams'],
      candidates: [{ ...CANDIDATES.candidates[0], distanceKm: -1, distanceScore: 0 }, CANDIDATES.candidates[1]] } }
    await open()
    expect(wrapper.get('[data-testid=preview-widened]').text())
      .toBe('已放宽条件：范围扩大到 10.0 公里；范围扩大到 20.0 公里；找到上级单位 i-3 的志愿者；nearby teams')
    expect(candidate('vol-1').get('[data-testid=score-distance]').text()).toContain('· 位置未知')
    expect(candidate('vol-1').get('[data-testid=score-distance]').text()).not.toContain('-1')
    expect(candidate('vol-2').get('[data-testid=score-distance]').text()).toContain('· 4.5 公里')
  })

  it('shows each candidate by masked name, linked to their profile, the ids kept for picking', async () => {
    await open()
    expect(candidate('vol-1').find('[data-testid=candidate-name]').text()).toBe('张*明')
    expect(candidate('vol-1').find('[data-testid=candidate-profile]').attributes('href')).toBe('/volunteers/vol-1')
    expect(candidate('vol-2').find('[data-testid=candidate-profile]').text()).toBe('李*华')
    expect(candidate('vol-1').find('label').text()).toBe('选择志愿者 张*明')
    expect(candidate('vol-1').find('[data-testid=pick-vol-1]').exists()).toBe(true)
    expect(Object.fromEntries(gets('/api/v1/volunteers/vol-1')[0].url.searchParams)).toEqual({ district: DISTRICT })
  })

  it('asks for all candidates\' names at the same time', async () => {
    const answer = globalThis.fetch
    const held: (() => void)[] = []
    globalThis.fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(input instanceof Request ? input.url : String(input))
      if (url.pathname.startsWith('/api/v1/volunteers/')) await new Promise<void>((resolve) => held.push(resolve))
      return answer(input, init)
    }) as typeof fetch
    await open()
    expect(held).toHaveLength(2) // both asked before either answered
    expect(candidate('vol-1').find('[data-testid=candidate-name]').text()).toBe('vol-1')
    held.forEach((release) => release())
    await settle()
    expect(candidate('vol-1').find('[data-testid=candidate-name]').text()).toBe('张*明')
    expect(candidate('vol-2').find('[data-testid=candidate-name]').text()).toBe('李*华')
  })

  it('keeps the names for the page: matching again asks for no name twice', async () => {
    await open()
    await wrapper.find('[data-testid=preview-reload]').trigger('click')
    await settle()
    expect(calls.filter((call) => call.url.pathname === '/api/v1/matching/previews')).toHaveLength(2)
    expect(gets('/api/v1/volunteers/vol-1')).toHaveLength(1)
    expect(gets('/api/v1/teams/team-7')).toHaveLength(1)
  })

  it('leaves the id shown, not linked, where the registry names no one for this person', async () => {
    answers['GET /api/v1/volunteers/vol-2'] = problem(404, 'not-found')
    answers['GET /api/v1/teams/team-8'] = problem(403, 'forbidden')
    await open()
    expect(candidate('vol-2').find('[data-testid=candidate-name]').text()).toBe('vol-2')
    expect(candidate('vol-2').find('a').exists()).toBe(false)
    expect(candidate('vol-1').find('[data-testid=candidate-name]').text()).toBe('张*明')
    expect(wrapper.findAll('[data-testid=dispatch-team] option').map((option) => option.text())).toEqual(['不派给服务队', '盘龙关爱服务队', 'team-8'])
  })

  it('offers the suggested teams by name and dispatches to the team\'s id', async () => {
    answers['POST /api/v1/requests/req-1/dispatch'] = { body: { requestId: 'req-1' } }
    await open()
    const options = wrapper.findAll('[data-testid=dispatch-team] option')
    expect(options.map((option) => [option.attributes('value'), option.text()])).toEqual([['', '不派给服务队'], ['team-7', '盘龙关爱服务队'], ['team-8', '九龙义诊队']])
    await wrapper.find('[data-testid=dispatch-team]').setValue('team-8')
    await wrapper.find('[data-testid=dispatch-send]').trigger('click')
    await settle()
    expect(calls.find((call) => call.url.pathname === '/api/v1/requests/req-1/dispatch')!.body).toEqual({ teamId: 'team-8' })
  })

  it('names the people the order is offered to now, linked', async () => {
    view = { ...VIEW, status: 'DISPATCHED', offeredTo: ['vol-3', 'vol-9'] }
    await open()
    const offered = wrapper.find('[data-testid=dispatch-offered]')
    expect(offered.text()).toBe('已派给：王*、vol-9')
    expect(offered.find('a').attributes('href')).toBe('/volunteers/vol-3')
  })

  it('is accessible with the names and links', async () => {
    view = { ...VIEW, status: 'DISPATCHED', offeredTo: ['vol-3'] }
    await open()
    expect(wrapper.find('[data-testid=candidate-profile]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })
})
