/*
 * Applying to be a volunteer from a resident account (POST /volunteers with the person's own token: an application the
 * station approves): the form's state, its checks before sending (the service's rules, named by the service's field
 * paths so its answers land at the same place), the body sent, and the home units to choose from the tree.
 */
import type { HierarchySchemas, VolunteerSchemas } from '../api/client'

type Schemas = VolunteerSchemas['schemas']
export type Register = Schemas['Register']
export type Platform = Schemas['SkillEntry']['platform']
export type Day = Schemas['Slot']['day']
export type RegistrationView = Schemas['RegistrationView']

export const PLATFORMS: Platform[] = ['THEORY_LECTURES', 'EDUCATION', 'CULTURE', 'SCIENCE', 'HEALTH_SPORTS', 'LEGAL',
  'CARE', 'CIVILIZATION', 'ALL_MEDIA']
export const DAYS: Day[] = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY']

export interface RegisterForm {
  name: string
  phone: string
  idNumber: string
  /** yyyy-mm-dd */
  birthDate: string
  homeUnitId: string
  /** Level 1-5 per chosen platform; a platform not chosen is absent. */
  skills: Partial<Record<Platform, number>>
  availability: { day: Day; from: string; to: string }[]
  contactConsent: boolean
  guardianName: string
  guardianPhone: string
  guardianRelation: string
  guardianConsent: boolean
  /** Kept with the draft, so a submission retried after a renewed login is the same application. */
  idempotencyKey: string
}

export function emptyForm(idempotencyKey: string): RegisterForm {
  return {
    name: '', phone: '', idNumber: '', birthDate: '', homeUnitId: '', skills: {}, availability: [],
    contactConsent: true, guardianName: '', guardianPhone: '', guardianRelation: '', guardianConsent: false,
    idempotencyKey,
  }
}

const PHONE = /^(\+86)?1[3-9][0-9]{9}$/
const ID_NUMBER = /^[1-9][0-9]{16}[0-9Xx]$/
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** Age in whole years on `today` (yyyy-mm-dd, the district's day). */
export function ageOn(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number)
  const [ty, tm, td] = today.split('-').map(Number)
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0)
}

export function needsGuardian(form: RegisterForm, today: string): boolean {
  return DATE.test(form.birthDate) && ageOn(form.birthDate, today) < 18
}

/** GB 11643: the check character of an 18-character ID number. */
export function idNumberValid(idNumber: string): boolean {
  if (!ID_NUMBER.test(idNumber)) return false
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = weights.reduce((total, weight, i) => total + weight * Number(idNumber[i]), 0)
  return '10X98765432'[sum % 11] === idNumber[17].toUpperCase()
}

/**
 * The form's problems as message keys (under volunteers.register.problems) by the service's field paths; empty when
 * the form may be sent.
 */
export function checkForm(form: RegisterForm, today: string): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!form.name.trim()) problems['personal.name'] = 'nameRequired'
  else if (form.name.trim().length > 50) problems['personal.name'] = 'nameTooLong'
  if (!PHONE.test(form.phone.trim())) problems['personal.phone'] = 'phone'
  if (!DATE.test(form.birthDate)) problems['personal.birthDate'] = 'birthDateRequired'
  else if (form.birthDate > today) problems['personal.birthDate'] = 'birthDateFuture'
  else if (ageOn(form.birthDate, today) < 14) problems['personal.birthDate'] = 'tooYoung'
  const idNumber = form.idNumber.trim()
  if (idNumber) {
    if (!idNumberValid(idNumber)) problems['personal.idNumber'] = 'idNumber'
    else if (DATE.test(form.birthDate) && idNumber.slice(6, 14) !== form.birthDate.replace(/-/g, '')) {
      problems['personal.idNumber'] = 'idNumberBirthDate'
    }
  }
  if (!form.homeUnitId) problems.homeUnitId = 'homeUnitRequired'
  if (!Object.keys(form.skills).length) problems.skills = 'skillsRequired'
  if (form.availability.some((slot) => !slot.from || !slot.to || slot.to <= slot.from)) {
    problems.availability = 'slotOrder'
  }
  if (needsGuardian(form, today)) {
    if (!form.guardianName.trim()) problems['personal.guardian.name'] = 'guardianName'
    if (!PHONE.test(form.guardianPhone.trim())) problems['personal.guardian.phone'] = 'phone'
    if (!form.guardianRelation.trim()) problems['personal.guardian.relation'] = 'guardianRelation'
    if (!form.guardianConsent) problems['personal.guardian.consentedAt'] = 'guardianConsent'
  }
  return problems
}

/** The body of POST /volunteers: the person's own application (no accountId, no consent: those are staff's). */
export function registerBody(form: RegisterForm, today: string, now: Date = new Date()): Register {
  const idNumber = form.idNumber.trim().toUpperCase()
  const guardian = needsGuardian(form, today)
    ? { name: form.guardianName.trim(), phone: form.guardianPhone.trim(), relation: form.guardianRelation.trim(),
        consentedAt: now.toISOString() }
    : undefined
  return {
    personal: { name: form.name.trim(), phone: form.phone.trim(), birthDate: form.birthDate,
      ...(idNumber ? { idNumber } : {}), ...(guardian ? { guardian } : {}) },
    homeUnitId: form.homeUnitId,
    skills: PLATFORMS.filter((platform) => form.skills[platform] !== undefined)
      .map((platform) => ({ platform, level: form.skills[platform] as number })),
    availability: form.availability.map((slot) => ({ day: slot.day, from: slot.from, to: slot.to })),
    contactConsent: form.contactConsent,
  }
}

type SubtreeEntry = HierarchySchemas['schemas']['SubtreeEntry']

export interface UnitChoice { unitId: string; name: string }
export interface UnitGroup { label: string; units: UnitChoice[] }

/**
 * The home units to choose from, grouped by where they sit in the tree: each open institute with its open stations
 * (a home unit is a station or an institute), the group named by the path above the institute.
 */
export function homeUnitGroups(entries: SubtreeEntry[]): UnitGroup[] {
  const units = new Map(entries.flatMap((entry) => entry.unit?.unitId ? [[entry.unit.unitId, entry.unit]] : []))
  const open = (tier: string) => entries
    .map((entry) => entry.unit)
    .filter((unit): unit is NonNullable<typeof unit> => !!unit?.unitId && unit.tier === tier && unit.status === 'ACTIVE')
  const pathAbove = (unitId: string | undefined): string[] => {
    const names: string[] = []
    for (let unit = unitId ? units.get(unitId) : undefined; unit; unit = unit.parentId ? units.get(unit.parentId) : undefined) {
      if (unit.tier !== 'CENTER') names.unshift(unit.name ?? unit.unitId ?? '')
    }
    return names
  }
  const byName = (a: UnitChoice, b: UnitChoice) => a.name.localeCompare(b.name, 'zh-CN')
  const groups: UnitGroup[] = []
  const grouped = new Set<string>()
  for (const institute of open('INSTITUTE')) {
    const stations = open('STATION').filter((station) => station.parentId === institute.unitId)
      .map((station) => ({ unitId: station.unitId!, name: station.name ?? station.unitId! })).sort(byName)
    stations.forEach((station) => grouped.add(station.unitId))
    groups.push({ label: pathAbove(institute.unitId).join(' › '),
      units: [{ unitId: institute.unitId!, name: institute.name ?? institute.unitId! }, ...stations] })
  }
  // Stations hanging elsewhere than under an institute still count.
  const loose = open('STATION').filter((station) => !grouped.has(station.unitId!))
  for (const station of loose) {
    const label = pathAbove(station.parentId).join(' › ')
    let group = groups.find((candidate) => candidate.label === label)
    if (!group) groups.push(group = { label, units: [] })
    group.units.push({ unitId: station.unitId!, name: station.name ?? station.unitId! })
  }
  return groups.sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'))
}
