import { describe, expect, it } from 'vitest'
import {
  ageOn, checkForm, emptyForm, homeUnitGroups, idNumberValid, needsGuardian, registerBody, type RegisterForm,
} from '../registration'
import { districtToday } from '../../shared/format'

const TODAY = '2026-03-01'

function form(fields: Partial<RegisterForm>): RegisterForm {
  return { ...emptyForm('key-1'), name: '张小明', phone: '13812345678', birthDate: '1990-05-04', homeUnitId: 's-pl',
    skills: { CARE: 3 }, ...fields }
}

describe('ageOn', () => {
  it('counts whole years, the birthday itself included', () => {
    expect(ageOn('2012-03-01', TODAY)).toBe(14)
    expect(ageOn('2012-03-02', TODAY)).toBe(13)
    expect(ageOn('2008-02-29', TODAY)).toBe(18)
  })

  it('takes today in the district\'s zone', () => {
    expect(districtToday(new Date('2026-02-28T17:00:00Z'))).toBe('2026-03-01')
  })
})

describe('idNumberValid', () => {
  it('checks the GB 11643 check character', () => {
    expect(idNumberValid('500107199005041231')).toBe(true)
    expect(idNumberValid('500107199005041232')).toBe(false)
    expect(idNumberValid('50010719900504123')).toBe(false)
  })

  it('takes an X check character in either case', () => {
    // 11010519491231002X is the standard's own example
    expect(idNumberValid('11010519491231002X')).toBe(true)
    expect(idNumberValid('11010519491231002x')).toBe(true)
  })
})

describe('checkForm', () => {
  it('passes a complete adult application', () => {
    expect(checkForm(form({}), TODAY)).toEqual({})
  })

  it('names each missing field by the service\'s path', () => {
    const problems = checkForm({ ...emptyForm('k'), birthDate: '' }, TODAY)
    expect(problems).toMatchObject({
      'personal.name': 'nameRequired', 'personal.phone': 'phone', 'personal.birthDate': 'birthDateRequired',
      homeUnitId: 'homeUnitRequired', skills: 'skillsRequired',
    })
  })

  it('refuses people under 14 and a birth date ahead', () => {
    expect(checkForm(form({ birthDate: '2012-03-02' }), TODAY)['personal.birthDate']).toBe('tooYoung')
    expect(checkForm(form({ birthDate: '2026-03-02' }), TODAY)['personal.birthDate']).toBe('birthDateFuture')
  })

  it('checks an ID number against its check character and the birth date', () => {
    expect(checkForm(form({ idNumber: '500107199005041232' }), TODAY)['personal.idNumber']).toBe('idNumber')
    expect(checkForm(form({ idNumber: '500107199005041231', birthDate: '1990-05-05' }), TODAY)['personal.idNumber']).toBe('idNumberBirthDate')
    expect(checkForm(form({ idNumber: '500107199005041231' }), TODAY)['personal.idNumber']).toBeUndefined()
  })

  it('wants each time slot to end after it starts', () => {
    expect(checkForm(form({ availability: [{ day: 'MONDAY', from: '12:00', to: '09:00' }] }), TODAY).availability).toBe('slotOrder')
    expect(checkForm(form({ availability: [{ day: 'MONDAY', from: '09:00', to: '12:00' }] }), TODAY).availability).toBeUndefined()
  })

  it('asks a minor for the guardian and their consent', () => {
    const minor = form({ birthDate: '2010-06-01' })
    expect(needsGuardian(minor, TODAY)).toBe(true)
    expect(checkForm(minor, TODAY)).toMatchObject({
      'personal.guardian.name': 'guardianName', 'personal.guardian.phone': 'phone',
      'personal.guardian.relation': 'guardianRelation', 'personal.guardian.consentedAt': 'guardianConsent',
    })
    const consented = { ...minor, guardianName: '李大华', guardianPhone: '13700001111', guardianRelation: '父亲', guardianConsent: true }
    expect(checkForm(consented, TODAY)).toEqual({})
  })
})

describe('registerBody', () => {
  it('sends the person\'s own application: no account id, skills in platform order, the ID number upper case', () => {
    const body = registerBody(form({ idNumber: '11010519491231002x', birthDate: '1949-12-31', skills: { LEGAL: 4, EDUCATION: 2 },
      availability: [{ day: 'SATURDAY', from: '09:00', to: '12:00' }], contactConsent: false }), TODAY)
    expect(body).toEqual({
      personal: { name: '张小明', phone: '13812345678', birthDate: '1949-12-31', idNumber: '11010519491231002X' },
      homeUnitId: 's-pl',
      skills: [{ platform: 'EDUCATION', level: 2 }, { platform: 'LEGAL', level: 4 }],
      availability: [{ day: 'SATURDAY', from: '09:00', to: '12:00' }],
      contactConsent: false,
    })
    expect(body).not.toHaveProperty('accountId')
  })

  it('carries the guardian with the time of consent for a minor only', () => {
    const now = new Date('2026-03-01T02:00:00Z')
    const minor = form({ birthDate: '2010-06-01', guardianName: '李大华', guardianPhone: '13700001111', guardianRelation: '父亲', guardianConsent: true })
    expect(registerBody(minor, TODAY, now).personal.guardian).toEqual({ name: '李大华', phone: '13700001111', relation: '父亲', consentedAt: '2026-03-01T02:00:00.000Z' })
    expect(registerBody({ ...minor, birthDate: '1990-05-04' }, TODAY, now).personal.guardian).toBeUndefined()
  })
})

describe('homeUnitGroups', () => {
  const unit = (unitId: string, tier: 'CENTER' | 'SUB_CENTER' | 'INSTITUTE' | 'STATION' | 'POINT', parentId: string | undefined,
    status: 'ACTIVE' | 'CLOSED' = 'ACTIVE') => ({ unit: { unitId, name: unitId.toUpperCase(), tier, parentId, status } })

  it('groups each open institute with its open stations, named by the path above, and leaves out points and closed units', () => {
    const groups = homeUnitGroups([
      unit('center', 'CENTER', undefined), unit('sc', 'SUB_CENTER', 'center'),
      unit('i-a', 'INSTITUTE', 'sc'), unit('s-2', 'STATION', 'i-a'), unit('s-1', 'STATION', 'i-a'),
      unit('s-closed', 'STATION', 'i-a', 'CLOSED'), unit('p-1', 'POINT', 's-1'),
      unit('i-closed', 'INSTITUTE', 'sc', 'CLOSED'), unit('s-orphan', 'STATION', 'i-closed'),
    ])
    expect(groups).toEqual([
      { label: 'SC › I-A', units: [{ unitId: 'i-a', name: 'I-A' }, { unitId: 's-1', name: 'S-1' }, { unitId: 's-2', name: 'S-2' }] },
      { label: 'SC › I-CLOSED', units: [{ unitId: 's-orphan', name: 'S-ORPHAN' }] },
    ])
  })
})
