import { answer, calls, json, problem } from './fetchStub'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { DISTRICT, logInAs, mountPage } from './harness'
import VolunteerHome from '../VolunteerHome.vue'

const logIn = vi.hoisted(() => vi.fn())
vi.mock('../../auth/session', async (original) => ({ ...await original<typeof import('../../auth/session')>(), logIn }))

describe('VolunteerHome', () => {
  beforeEach(() => logIn.mockReset())

  it('offers a resident with no application to apply', async () => {
    logInAs({ role: 'RESIDENT' })
    answer((call) => call.path === '/api/v1/volunteers/me' ? problem(404, 'not-found') : undefined)
    const { wrapper } = await mountPage(VolunteerHome)
    expect(calls[0].query.get('district')).toBe(DISTRICT)
    expect(wrapper.text()).toContain('申请成为志愿者')
    expect(wrapper.find('[role="alert"]').exists()).toBe(false)
  })

  it('shows a pending application\'s status', async () => {
    logInAs({ role: 'RESIDENT' })
    answer(() => json({ state: 'PENDING', volunteerId: 'vol-1', appliedAt: '2026-03-01T02:00:00Z', homeUnitId: 's-pl' }))
    const { wrapper } = await mountPage(VolunteerHome)
    expect(wrapper.text()).toContain('审核中')
    expect(wrapper.text()).not.toContain('申请成为志愿者')
  })

  it('shows a refusal with its reason and lets the person apply again', async () => {
    logInAs({ role: 'RESIDENT' })
    answer(() => json({ state: 'REFUSED', reason: '请补充身份证号', volunteerId: 'vol-1' }))
    const { wrapper } = await mountPage(VolunteerHome)
    expect(wrapper.text()).toContain('未通过')
    expect(wrapper.text()).toContain('请补充身份证号')
    expect(wrapper.text()).toContain('重新申请')
  })

  it('asks an approved person whose token has no volunteer id yet to log in again', async () => {
    logInAs({ role: 'RESIDENT' })
    answer(() => json({ state: 'REGISTERED', volunteerId: 'vol-1' }))
    const { wrapper } = await mountPage(VolunteerHome)
    expect(wrapper.text()).toContain('已通过')
    await wrapper.findAll('button').find((button) => button.text() === '重新登录')!.trigger('click')
    expect(logIn).toHaveBeenCalledWith('/volunteer')
  })

  it('shows a problem other than a missing application', async () => {
    logInAs({ role: 'RESIDENT' })
    answer(() => problem(403, 'forbidden', { detail: 'The caller may not read' }))
    const { wrapper } = await mountPage(VolunteerHome)
    expect(wrapper.find('[role="alert"]').text()).toBe('您没有权限这样操作。')
  })

  it('gives a volunteer their work and asks nothing about applications', async () => {
    logInAs({ role: 'VOLUNTEER', volunteerId: 'vol-1' })
    answer(() => undefined)
    const { wrapper } = await mountPage(VolunteerHome)
    expect(calls).toHaveLength(0)
    const links = wrapper.findAll('nav a').map((link) => [link.attributes('href'), link.find('.link-title').text()])
    expect(links).toEqual([['/volunteer/offers', '接单'], ['/volunteer/assignments', '我的任务'], ['/volunteer/hours', '时长与星级'],
      ['/volunteer/activities', '活动报名'], ['/volunteer/certificates', '服务证明']])
  })

  it('does not offer staff to apply', async () => {
    logInAs({ role: 'STATION_ADMIN' })
    answer(() => problem(404, 'not-found'))
    const { wrapper } = await mountPage(VolunteerHome)
    expect(wrapper.text()).not.toContain('申请成为志愿者')
    expect(wrapper.text()).toContain('工作人员账号不能在这里申请')
  })
})
