import { answer, calls, json, problem, type Call } from './fetchStub'
import { beforeEach, describe, expect, it } from 'vitest'
import { eventually } from '../../testing/eventually'
import { DISTRICT, logInAs, mountPage, settle } from './harness'
import RegisterPage from '../RegisterPage.vue'

const TREE = [
  { depth: 0, unit: { unitId: 'center', name: '区中心', tier: 'CENTER', status: 'ACTIVE' } },
  { depth: 1, unit: { unitId: 'sc-1', name: '九龙坡分中心', tier: 'SUB_CENTER', parentId: 'center', status: 'ACTIVE' } },
  { depth: 2, unit: { unitId: 'i-jly', name: '九龙街道实践所', tier: 'INSTITUTE', parentId: 'sc-1', status: 'ACTIVE' } },
  { depth: 3, unit: { unitId: 's-pl', name: '盘龙社区实践站', tier: 'STATION', parentId: 'i-jly', status: 'ACTIVE' } },
]

function platform(registration: (call: Call) => ReturnType<typeof json> = () => json({ volunteerId: 'vol-9', status: 'PENDING' }, 201)) {
  answer((call) => {
    if (call.path === '/api/v1/org-units') return json({ items: [{ unitId: 'center', tier: 'CENTER' }], page: 0, size: 50, total: 1 })
    if (call.path === '/api/v1/org-units/center/subtree') return json(TREE)
    if (call.path === '/api/v1/volunteers' && call.method === 'POST') return registration(call)
    return undefined
  })
}

async function fill(wrapper: Awaited<ReturnType<typeof mountPage>>['wrapper']) {
  await wrapper.find('input[name="personal.name"]').setValue('张小明')
  await wrapper.find('input[name="personal.phone"]').setValue('13812345678')
  await wrapper.find('input[name="personal.birthDate"]').setValue('1990-05-04')
  await wrapper.find('#home-unit').setValue('s-pl')
  await wrapper.find('input[name="skill-CARE"]').setValue(true)
}

describe('RegisterPage', () => {
  beforeEach(() => logInAs({ sub: 'acc-1', role: 'RESIDENT' }))

  it('offers the open stations and institutes of the tree as home units, grouped by institute', async () => {
    platform()
    const { wrapper } = await mountPage(RegisterPage, '/volunteer/register')
    expect(calls[0].query.get('tier')).toBe('CENTER')
    expect(calls[0].query.get('district')).toBe(DISTRICT)
    const group = wrapper.find('optgroup')
    expect(group.attributes('label')).toBe('九龙坡分中心 › 九龙街道实践所')
    expect(group.findAll('option').map((option) => option.attributes('value'))).toEqual(['i-jly', 's-pl'])
    // every input is labelled
    expect(wrapper.find('label[for="home-unit"]').exists()).toBe(true)
  })

  it('sends nothing while the form is incomplete, and says so next to each field', async () => {
    platform()
    const { wrapper } = await mountPage(RegisterPage, '/volunteer/register')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0)
    const alerts = wrapper.findAll('[role="alert"]').map((alert) => alert.text())
    expect(alerts).toEqual(expect.arrayContaining(['请填写姓名。', '请填写正确的 11 位手机号。', '请选择所属实践站（所）。', '请至少选择一项服务专长。']))
  })

  it('applies with the person\'s own details, an idempotency key and the district, then shows the status', async () => {
    platform()
    const { wrapper, router } = await mountPage(RegisterPage, '/volunteer/register')
    await fill(wrapper)
    await wrapper.find('form').trigger('submit')
    await settle()
    const post = calls.find((call) => call.method === 'POST')!
    expect(post.query.get('district')).toBe(DISTRICT)
    expect(post.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f]{32}$/)
    expect(post.body).toEqual({
      personal: { name: '张小明', phone: '13812345678', birthDate: '1990-05-04' }, homeUnitId: 's-pl',
      skills: [{ platform: 'CARE', level: 3 }], availability: [], contactConsent: true,
    })
    await eventually(() => expect(router.currentRoute.value.path).toBe('/volunteer'))
    expect(sessionStorage.getItem('practice-web.draft.volunteers.register')).toBeNull()
  })

  it('shows the service\'s answer next to the field it names and keeps what was typed', async () => {
    platform(() => problem(400, 'invalid-field', { detail: 'personal.phone: must match', field: 'personal.phone' }))
    const { wrapper, router } = await mountPage(RegisterPage, '/volunteer/register')
    await fill(wrapper)
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(router.currentRoute.value.path).toBe('/volunteer/register')
    const phone = wrapper.find('input[name="personal.phone"]').element.closest('.van-cell')!.nextElementSibling!
    expect(phone.getAttribute('role')).toBe('alert')
    expect(phone.textContent).toBe('personal.phone: must match')
    expect(JSON.parse(sessionStorage.getItem('practice-web.draft.volunteers.register')!).name).toBe('张小明')
  })

  it('shows a refusal that names no field to the form as a whole', async () => {
    platform(() => problem(409, 'application-pending', { detail: 'awaits the station' }))
    const { wrapper } = await mountPage(RegisterPage, '/volunteer/register')
    await fill(wrapper)
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(wrapper.findAll('[role="alert"]').map((alert) => alert.text())).toContain('您的志愿者申请正在审核中。')
  })

  it('keeps the same idempotency key for a retry after a renewed login (the draft carries it)', async () => {
    platform()
    sessionStorage.setItem('practice-web.draft.volunteers.register', JSON.stringify({ name: '李四', idempotencyKey: 'abc123' }))
    const { wrapper } = await mountPage(RegisterPage, '/volunteer/register')
    expect((wrapper.find('input[name="personal.name"]').element as HTMLInputElement).value).toBe('李四')
    await fill(wrapper)
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(calls.find((call) => call.method === 'POST')!.headers.get('Idempotency-Key')).toBe('abc123')
  })

  it('asks a minor for a guardian and sends the guardian\'s consent', async () => {
    platform()
    const { wrapper } = await mountPage(RegisterPage, '/volunteer/register')
    await fill(wrapper)
    const year = Number(new Date().getFullYear()) - 15
    await wrapper.find('input[name="personal.birthDate"]').setValue(`${year}-01-15`)
    expect(wrapper.text()).toContain('未满 18 周岁需要监护人同意')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(calls.filter((call) => call.method === 'POST')).toHaveLength(0)
    await wrapper.find('input[name="personal.guardian.name"]').setValue('李大华')
    await wrapper.find('input[name="personal.guardian.phone"]').setValue('13700001111')
    await wrapper.find('input[name="personal.guardian.relation"]').setValue('父亲')
    await wrapper.find('input[name="personal.guardian.consentedAt"]').setValue(true)
    await wrapper.find('form').trigger('submit')
    await settle()
    const body = calls.find((call) => call.method === 'POST')!.body as { personal: { guardian: Record<string, string> } }
    expect(body.personal.guardian).toMatchObject({ name: '李大华', phone: '13700001111', relation: '父亲' })
    expect(Date.parse(body.personal.guardian.consentedAt)).not.toBeNaN()
  })

  it('sends the skill level and the weekly time slots chosen', async () => {
    platform()
    const { wrapper } = await mountPage(RegisterPage, '/volunteer/register')
    await fill(wrapper)
    await wrapper.find('#level-CARE').setValue('5')
    await wrapper.findAll('button').find((button) => button.text() === '添加时段')!.trigger('click')
    await wrapper.find('#slot-day-0').setValue('SUNDAY')
    await wrapper.find('#slot-from-0').setValue('14:00')
    await wrapper.find('#slot-to-0').setValue('17:30')
    await wrapper.find('form').trigger('submit')
    await settle()
    expect(calls.find((call) => call.method === 'POST')!.body).toMatchObject({
      skills: [{ platform: 'CARE', level: 5 }], availability: [{ day: 'SUNDAY', from: '14:00', to: '17:30' }],
    })
  })
})
