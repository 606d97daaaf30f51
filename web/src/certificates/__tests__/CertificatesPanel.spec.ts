import { afterEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { makeI18n } from '../../i18n'
import { answerCalls, logInAs, settle } from '../../testing/mountPage'
import { axeViolations } from '../../testing/axe'
import CertificatesPanel from '../CertificatesPanel.vue'

const DISTRICT = 'cq-jiulongpo'
const certificate = (valid: boolean) => ({ certificateId: 'cert-1', verificationCode: '7K3M-Q9XT-2HWP-R4NB', volunteerId: 'vol-7',
  districtId: DISTRICT, from: null, to: null, platform: 'CARE', hours: 6, sessions: 3, issuingUnitId: 'st-1', issuingUnitName: '盘龙实践站',
  issuedAt: '2026-12-01T02:00:00Z', issuedBy: 'acc-9', valid, invalidReason: valid ? null : 'revoked', verifyUrl: 'x' })

afterEach(() => { document.body.innerHTML = '' })

async function mountPanel(mayChange: boolean) {
  const wrapper = mount(CertificatesPanel, { props: { volunteerId: 'vol-7', district: DISTRICT, mayChange },
    global: { plugins: [makeI18n('zh-CN')] }, attachTo: document.body })
  await settle()
  return wrapper
}

describe('the console\'s certificates of a volunteer', () => {
  it('revokes one with a reason, asked once more, and shows it void', async () => {
    logInAs({ sub: 'acc-9', practice_district: DISTRICT, practice_role: 'STATION_ADMIN', practice_unit: 'st-1' })
    let current = certificate(true)
    const calls = answerCalls({
      'GET /api/v1/volunteers/vol-7/certificates': () => ({ body: [current] }),
      'POST /api/v1/volunteers/vol-7/certificates/cert-1/revoke': () => { current = certificate(false); return { body: current } },
    })
    const wrapper = await mountPanel(true)
    expect(wrapper.find('[data-testid=certificate]').attributes('data-valid')).toBe('true')
    expect(wrapper.text()).toContain('关爱帮扶')
    await wrapper.findAll('button').find((button) => button.text() === '作废证明')!.trigger('click')
    expect(wrapper.text()).toContain('确认作废这份证明？')
    expect((wrapper.find('[data-testid=certificate-revoke]').element as HTMLButtonElement).disabled, 'no reason, no revocation').toBe(true)
    await wrapper.find('[data-testid=certificate-revoke-reason]').setValue('重复开具')
    await wrapper.find('.confirm').trigger('submit')
    await settle()
    const revoke = calls.find((call) => call.method === 'POST')!
    expect(revoke.body).toEqual({ reason: '重复开具' })
    expect(wrapper.find('[data-testid=certificate]').attributes('data-valid')).toBe('false')
    expect(wrapper.text()).toContain('证明已被出具单位作废')
    expect(await axeViolations()).toEqual([])
  })

  it('lets those who may not change anything only read', async () => {
    logInAs({ sub: 'acc-5', practice_district: DISTRICT, practice_role: 'SUBCENTER_ADMIN' })
    answerCalls({ 'GET /api/v1/volunteers/vol-7/certificates': { body: [certificate(true)] } })
    const wrapper = await mountPanel(false)
    expect(wrapper.find('form').exists()).toBe(false)
    expect(wrapper.findAll('button').map((button) => button.text())).toEqual(['下载 PDF'])
  })
})
