import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { mount, type VueWrapper } from '@vue/test-utils'
import CheckInCode from '../CheckInCode.vue'
import * as words from '../messages'
import { makeI18n } from '../../i18n'
import { answerCalls, logInAs, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'

const DISTRICT = 'cq-jiulongpo'

/** Lets the page's promises run on the fake clock (the testing helper's settle() waits on real timers). */
async function flush() {
  for (let i = 0; i < 10; i++) await vi.advanceTimersByTimeAsync(0)
}

describe('an activity\'s QR check-in code', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper
  let window: number

  // The QR library is loaded with the first code; load it once here so that it does not wait on the fake clock.
  beforeAll(async () => { await import('qrcode') })

  beforeEach(() => {
    vi.useFakeTimers({ now: Date.parse('2026-03-08T01:00:10Z') })
    sessionStorage.clear()
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    window = 59432210
    // The service's clock runs 20 minutes ahead of the browser's: the page must go by the service's interval.
    answers = {
      'GET /api/v1/activities/act-1/check-in-code': () => {
        const issued = Date.parse('2026-03-08T01:20:00Z') + (window - 59432210) * 30_000
        return { body: { activityId: 'act-1', code: `PCI1.act-1.${window}.Qm9vLWJhYS1iYXJfYmF6MQ`, issuedAt: new Date(issued + 10_000).toISOString(),
          refreshAt: new Date(issued + 30_000).toISOString(), expiresAt: new Date(issued + 60_000).toISOString() } }
      },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
    vi.useRealTimers()
  })

  async function open() {
    wrapper = mount(CheckInCode, { props: { activityId: 'act-1', district: DISTRICT, title: '文明交通劝导' }, attachTo: document.body,
      global: { plugins: [makeI18n('zh-CN', { console: words })] } })
    await flush()
  }

  const fetches = () => calls.filter((call) => call.url.pathname === '/api/v1/activities/act-1/check-in-code')

  async function advance(ms: number) {
    await vi.advanceTimersByTimeAsync(ms)
    await flush()
  }

  it('fetches nothing until asked, then shows the code as a QR with the seconds until the next', async () => {
    await open()
    expect(fetches()).toEqual([])
    await wrapper.get('[data-testid=check-in-code-show]').trigger('click')
    await advance(0)
    expect(fetches().map((call) => Object.fromEntries(call.url.searchParams))).toEqual([{ district: DISTRICT }])
    const image = wrapper.get('[data-testid=check-in-code-image]')
    expect(image.attributes('data-code')).toBe('PCI1.act-1.59432210.Qm9vLWJhYS1iYXJfYmF6MQ')
    expect(image.attributes('aria-label')).toBe('活动“文明交通劝导”的签到二维码，定时自动更换')
    expect(image.find('svg path').exists()).toBe(true)
    await advance(1000)
    expect(wrapper.get('[data-testid=check-in-code-left]').text()).toBe('19 秒后更换')
    vi.useRealTimers() // axe schedules its own work
    expect(await axeViolations()).toEqual([])
  })

  it('fetches the next code when the service says it is due, and stops when hidden', async () => {
    await open()
    await wrapper.get('[data-testid=check-in-code-show]').trigger('click')
    await advance(0)
    window += 1
    await advance(19_000)
    expect(fetches()).toHaveLength(1)
    await advance(1_500)
    expect(fetches()).toHaveLength(2)
    expect(wrapper.get('[data-testid=check-in-code-image]').attributes('data-code')).toContain('.59432211.')
    await wrapper.get('[data-testid=check-in-code-hide]').trigger('click')
    await advance(120_000)
    expect(fetches()).toHaveLength(2)
    expect(wrapper.find('[data-testid=check-in-code-image]').exists()).toBe(false)
  })

  it('says why there is no code, and tries again', async () => {
    answers['GET /api/v1/activities/act-1/check-in-code'] = { status: 409, body: { type: 'https://practice.cloud/problems/activity-closed', status: 409, detail: 'closed' } }
    await open()
    await wrapper.get('[data-testid=check-in-code-show]').trigger('click')
    await advance(0)
    expect(wrapper.get('[data-testid=check-in-code-problem]').text()).toBe('签到二维码无法取得：活动已结束。')
    await advance(5_500)
    expect(fetches()).toHaveLength(2)
  })
})
