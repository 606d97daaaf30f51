import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { VueWrapper } from '@vue/test-utils'
import ScanPage from '../ScanPage.vue'
import { answerCalls, logInAs, mountPage, settle, type Answer, type Call } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { eventually } from '../../testing/eventually'

/** What the photo "contains": the decoder is the browser's part (tested in chromium); here it answers for the photo. */
const photo = vi.hoisted(() => ({ text: null as string | null, fails: false }))
vi.mock('../decode', () => ({
  decodeQr: vi.fn(async () => {
    if (photo.fails) throw new Error('not an image')
    return photo.text
  }),
}))

const DISTRICT = 'cq-jiulongpo'
const CODE = 'PCI1.act-1.59432211.Qm9vLWJhYS1iYXJfYmF6MQ'
const problem = (status: number, code: string): Answer => ({ status, body: { type: 'https://practice.cloud/problems/' + code, status, detail: code } })

describe('checking in by photographing the QR code', () => {
  let calls: Call[]
  let answers: Record<string, Answer | ((call: Call) => Answer)>
  let wrapper: VueWrapper

  beforeEach(() => {
    sessionStorage.clear()
    logInAs({ sub: 'acc-3', practice_district: DISTRICT, practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
    photo.text = CODE
    photo.fails = false
    answers = {
      'POST /api/v1/activities/act-1/self-check-in': { body: { activityId: 'act-1', participantId: 'vol-1', role: 'VOLUNTEER', action: 'CHECKED_IN', at: '2026-03-08T01:02:00Z' } },
      'GET /api/v1/activities/act-1': { body: { activityId: 'act-1', title: '文明交通劝导' } },
    }
    calls = answerCalls(answers)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  async function open() {
    wrapper = (await mountPage(ScanPage, '/check-in', { path: '/check-in', name: 'check-in' })).wrapper
    document.body.appendChild(wrapper.element)
    await settle()
  }

  async function takePhoto() {
    const input = wrapper.get('[data-testid=check-in-photo]')
    Object.defineProperty(input.element, 'files', { configurable: true, value: [new File(['jpeg'], 'photo.jpg', { type: 'image/jpeg' })] })
    await input.trigger('change')
    // The decoder is imported with the first photo: wait for the page to finish reading, not for a number of ticks.
    await eventually(() => expect(wrapper.get('label[for=check-in-photo]').attributes('aria-busy')).toBe('false'))
    await settle()
  }

  const posts = () => calls.filter((call) => call.method === 'POST')

  it('sends the code it read for the activity it names, and says what was done, where and when', async () => {
    await open()
    expect(await axeViolations()).toEqual([])
    await takePhoto()
    expect(posts().map((call) => [call.url.pathname, Object.fromEntries(call.url.searchParams), call.body]))
      .toEqual([['/api/v1/activities/act-1/self-check-in', { district: DISTRICT }, { code: CODE }]])
    const done = wrapper.get('[data-testid=check-in-done]')
    expect(done.attributes('data-action')).toBe('CHECKED_IN')
    expect(done.text()).toContain('已签到')
    expect(done.text()).toContain('活动：文明交通劝导')
    expect(done.text()).toContain('3/8 09:02')
    expect(wrapper.find('[data-testid=check-in-problem]').exists()).toBe(false)
  })

  it('says a second scan checked the volunteer out', async () => {
    answers['POST /api/v1/activities/act-1/self-check-in'] = { body: { activityId: 'act-1', participantId: 'vol-1', role: 'VOLUNTEER', action: 'CHECKED_OUT', at: '2026-03-08T03:00:00Z' } }
    await open()
    await takePhoto()
    expect(wrapper.get('[data-testid=check-in-done]').text()).toContain('已签退')
  })

  it('says an expired or forged code in plain words, and sends nothing for a photo without a check-in code', async () => {
    answers['POST /api/v1/activities/act-1/self-check-in'] = problem(422, 'check-in-code-expired')
    await open()
    await takePhoto()
    expect(wrapper.get('[data-testid=check-in-problem]').text()).toBe('二维码已过期，请拍现场屏幕上正在显示的二维码。')
    expect(wrapper.find('[data-testid=check-in-done]').exists()).toBe(false)

    answers['POST /api/v1/activities/act-1/self-check-in'] = problem(403, 'not-signed-up')
    await takePhoto()
    expect(wrapper.get('[data-testid=check-in-problem]').text()).toBe('您没有报名这个活动。')

    const sent = posts().length
    photo.text = null
    await takePhoto()
    expect(wrapper.get('[data-testid=check-in-problem]').text()).toBe('照片里没有找到二维码，请对准二维码、靠近一些再拍。')
    photo.text = 'https://example.cn/not-a-check-in'
    await takePhoto()
    expect(wrapper.get('[data-testid=check-in-problem]').text()).toBe('这不是活动签到二维码。')
    photo.fails = true
    await takePhoto()
    expect(wrapper.get('[data-testid=check-in-problem]').text()).toBe('无法读取这张照片，请重新拍摄。')
    expect(posts()).toHaveLength(sent)
  })
})
