import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { answerCalls, logInAs, mountPage, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import { normalCode } from '../certificates'
import VerifyPage from '../VerifyPage.vue'
import CertificatesPage from '../CertificatesPage.vue'

const DISTRICT = 'cq-jiulongpo'
const CODE = '7K3M-Q9XT-2HWP-R4NB'
const verification = (valid: boolean, invalidReason: string | null = null) => ({ code: CODE, valid, invalidReason,
  maskedName: '欧阳**', hours: 12.5, sessions: 4, from: '2026-01-01', to: '2026-06-30', platform: null,
  issuingUnitName: '谢家湾街道新时代文明实践所', issuedAt: '2026-12-01T02:00:00Z', checkedAt: '2026-12-06T02:00:00Z' })
const certificate = { certificateId: 'cert-1', verificationCode: CODE, volunteerId: 'vol-1', districtId: DISTRICT, from: '2026-01-01',
  to: '2026-06-30', platform: null, hours: 12.5, sessions: 4, issuingUnitId: 'u-1', issuingUnitName: '谢家湾街道新时代文明实践所',
  issuedAt: '2026-12-01T02:00:00Z', issuedBy: 'acc-1', valid: true, invalidReason: null, verifyUrl: 'http://x/app/#/verify/' + CODE }

afterEach(() => { document.body.innerHTML = ''; sessionStorage.clear() })

describe('a certificate\'s code', () => {
  it('is read as printed or as typed', () => {
    expect(normalCode('7k3m q9xt 2hwp r4nb')).toBe(CODE)
    expect(normalCode(' 7K3M-Q9XT-2HWP-R4NB ')).toBe(CODE)
    expect(normalCode('--')).toBe('')
  })
})

describe('the public verification page', () => {
  beforeEach(() => sessionStorage.clear())

  it('checks the code from its address without any login and shows only what the service answers', async () => {
    const calls = answerCalls({ [`GET /api/v1/certificates/verify/${CODE}`]: { body: verification(true) } })
    const { wrapper } = await mountPage(VerifyPage, '/verify/' + CODE.toLowerCase(), { path: '/verify/:code?', name: 'verify' })
    await settle()
    expect(calls).toHaveLength(1)
    expect(calls[0].headers.get('Authorization'), 'anonymous').toBeNull()
    expect(wrapper.find('h2').text()).toBe('证明有效')
    const pairs = Object.fromEntries(wrapper.findAll('dt').map((dt, i) => [dt.text(), wrapper.findAll('dd')[i].text()]))
    expect(pairs['志愿者']).toBe('欧阳**')
    expect(pairs['服务时长']).toBe('12.5 小时')
    expect(pairs['出具单位']).toBe('谢家湾街道新时代文明实践所')
    expect(await axeViolations()).toEqual([])
  })

  it('says why a certificate no longer holds, and when a code is unknown', async () => {
    answerCalls({ [`GET /api/v1/certificates/verify/${CODE}`]: { body: verification(false, 'hours-revoked') } })
    const { wrapper, router } = await mountPage(VerifyPage, '/verify/' + CODE, { path: '/verify/:code?', name: 'verify' })
    await settle()
    expect(wrapper.find('h2').text()).toBe('证明已失效')
    expect(wrapper.find('dd').text()).toBe('证明所含的服务时长已被撤销')
    answerCalls({})
    await router.push('/verify/AAAA-BBBB')
    await settle()
    expect(wrapper.find('h2').exists()).toBe(false)
    expect(wrapper.find('[role="alert"]').text()).toBe('没有找到这个查验码对应的证明，请核对后重试。')
  })
})

describe('the volunteer\'s certificates', () => {
  it('issues one for a period with the volunteer\'s own token, once per press, and lists it', async () => {
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
    const calls = answerCalls({
      'GET /api/v1/volunteers/vol-1/certificates': { body: [] },
      'POST /api/v1/volunteers/vol-1/certificates': { status: 201, body: certificate },
    })
    const { wrapper } = await mountPage(CertificatesPage, '/volunteer/certificates', { path: '/volunteer/certificates', name: 'volunteer-certificates' })
    await settle()
    expect(wrapper.text()).toContain('还没有开具过证明。')
    await wrapper.find('input[name="from"]').setValue('2026-01-01')
    await wrapper.find('input[name="to"]').setValue('2026-06-30')
    await wrapper.find('select[name="platform"]').setValue('CARE')
    await wrapper.find('form').trigger('submit')
    await settle()
    const issue = calls.find((call) => call.method === 'POST')!
    expect(issue.url.searchParams.get('district')).toBe(DISTRICT)
    expect(issue.body).toEqual({ from: '2026-01-01', to: '2026-06-30', platform: 'CARE' })
    expect(issue.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/)
    expect(issue.headers.get('Authorization')).toMatch(/^Bearer /)
    expect(wrapper.text()).toContain('查验码：' + CODE)
    expect(wrapper.text()).toContain('12.5 小时')
    expect(wrapper.find('a[href="#/verify/' + CODE + '"]').exists()).toBe(true)
    expect(await axeViolations()).toEqual([])
  })

  it('refuses a period that ends before it begins without asking the service', async () => {
    logInAs({ sub: 'acc-1', practice_district: DISTRICT, practice_role: 'VOLUNTEER', practice_volunteer: 'vol-1' })
    const calls = answerCalls({ 'GET /api/v1/volunteers/vol-1/certificates': { body: [] } })
    const { wrapper } = await mountPage(CertificatesPage, '/volunteer/certificates', { path: '/volunteer/certificates', name: 'volunteer-certificates' })
    await settle()
    await wrapper.find('input[name="from"]').setValue('2026-06-30')
    await wrapper.find('input[name="to"]').setValue('2026-01-01')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0)
    expect(wrapper.find('[role="alert"]').text()).toBe('截止日期不能早于起始日期。')
  })
})
