/*
 * The volunteer registry as staff see it (volunteer-service): applications to decide, volunteers, teams. The shapes are
 * the API's own; the helpers only say them in words.
 */
import type { VolunteerSchemas } from '../api/client'

type Schemas = VolunteerSchemas['schemas']
export type ApplicationView = Schemas['ApplicationView']
export type VolunteerView = Schemas['VolunteerView']
export type TeamView = Schemas['TeamDocument']
export type LedgerView = Schemas['LedgerView']
export type HourEntry = Schemas['EntryView']
export type SkillEntry = Schemas['SkillEntry']
export type Slot = Schemas['Slot']

export const VOLUNTEER_STATUSES = ['ACTIVE', 'PAUSED', 'DEACTIVATED'] as const
export const PLATFORMS = ['THEORY_LECTURES', 'EDUCATION', 'CULTURE', 'SCIENCE', 'HEALTH_SPORTS', 'LEGAL', 'CARE', 'CIVILIZATION', 'ALL_MEDIA'] as const
export const DAYS = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'] as const

type Translate = (key: string, values?: Record<string, unknown>) => string

/** "关爱帮扶 3 级、教育服务 2 级": each platform with its level. */
export function skillsText(skills: SkillEntry[] | undefined, t: Translate, separator: string): string {
  return (skills ?? []).map((skill) => t('platforms.' + skill.platform) + ' ' + t('console.volunteers.level', { level: skill.level }))
    .join(separator)
}

/** Weekly slots in the week's order, then by time: "周六 09:00–12:00". */
export function slotsText(slots: Slot[] | undefined, t: Translate): string[] {
  return [...(slots ?? [])]
    .sort((a, b) => DAYS.indexOf(a.day) - DAYS.indexOf(b.day) || a.from.localeCompare(b.from))
    .map((slot) => `${t('console.days.' + slot.day)} ${slot.from}–${slot.to}`)
}

