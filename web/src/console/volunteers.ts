/*
 * The volunteer registry as staff see it (volunteer-service): applications to decide, volunteers, teams. The shapes are
 * the API's own; the helpers only say them in words, or put names to ids.
 */
import { ref } from 'vue'
import { volunteerApi, type VolunteerSchemas } from '../api/client'

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


/**
 * Names for ids, kept for the page: a volunteer's masked name (GET /volunteers/{id}) and a team's name and leader
 * (GET /teams/{id}), each asked once, all of a batch at the same time. An id the API does not name for this person
 * (refused, missing, the network away) stays shown as the id and is not linked: the profile would refuse the same.
 */
export function useNames(district: string) {
  const volunteers = ref<Record<string, string>>({})
  const teams = ref<Record<string, { name: string; leader: string | null }>>({})
  const asked = new Set<string>()

  function fresh(kind: string, ids: (string | null | undefined)[]): string[] {
    const unique = [...new Set(ids.filter((id): id is string => !!id))].filter((id) => !asked.has(kind + ':' + id))
    unique.forEach((id) => asked.add(kind + ':' + id))
    return unique
  }

  /** Asks for the names of these volunteers not asked yet; resolves when all have answered. */
  async function nameVolunteers(ids: (string | null | undefined)[]): Promise<void> {
    await Promise.all(fresh('volunteer', ids).map(async (volunteerId) => {
      try {
        const { data } = await volunteerApi.GET('/api/v1/volunteers/{volunteerId}', { params: { path: { volunteerId }, query: { district } } })
        if (data?.maskedName) volunteers.value = { ...volunteers.value, [volunteerId]: data.maskedName }
      } catch {
        // the id stays shown
      }
    }))
  }

  /** Asks for the names (and leaders) of these teams not asked yet, then names their leaders. */
  async function nameTeams(ids: (string | null | undefined)[]): Promise<void> {
    const leaders: string[] = []
    await Promise.all(fresh('team', ids).map(async (teamId) => {
      try {
        const { data } = await volunteerApi.GET('/api/v1/teams/{teamId}', { params: { path: { teamId }, query: { district } } })
        if (data?.name) teams.value = { ...teams.value, [teamId]: { name: data.name, leader: data.leaderVolunteerId ?? null } }
        if (data?.leaderVolunteerId) leaders.push(data.leaderVolunteerId)
      } catch {
        // the id stays shown
      }
    }))
    await nameVolunteers(leaders)
  }

  return {
    nameVolunteers,
    nameTeams,
    /** Whether the API named this volunteer (then the name links to their profile). */
    hasVolunteer: (id: string | null | undefined) => !!id && id in volunteers.value,
    volunteer: (id: string | null | undefined) => (id ? volunteers.value[id] ?? id : ''),
    team: (id: string | null | undefined) => (id ? teams.value[id]?.name ?? id : ''),
    leaderOf: (id: string | null | undefined) => (id ? teams.value[id]?.leader ?? null : null),
  }
}

export type Names = ReturnType<typeof useNames>
