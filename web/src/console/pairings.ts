/*
 * The pairing programme (结对共建, hierarchy-service) as the console shows it: partners, their pairings with stations,
 * each pairing's state on the district's day, its last activity and this quarter's count, and the API's refusals in
 * this page's words.
 */
import { hierarchyApi, type HierarchySchemas } from '../api/client'
import { useRewording } from './refusals'

type Schemas = HierarchySchemas['schemas']
export type Pairing = Schemas['PairingDocument']
export type Partner = Schemas['PartnerDocument']
export type PairingHealth = Schemas['PairingHealth']
export type PairingActivity = Schemas['Activity']
export type FormPairing = Schemas['FormPairing']
export type RegisterPartner = Schemas['RegisterPartner']
export type RecordActivity = Schemas['RecordActivity']
export type PairingModel = NonNullable<FormPairing['model']>
export type PartnerType = NonNullable<RegisterPartner['type']>
export type PairingState = 'UPCOMING' | 'RUNNING' | 'ENDED'

export const MODELS: PairingModel[] = ['ORGANISATION_PAIRING', 'COMMUNITY_ALLIANCE', 'SOCIAL_GROUP_TIES']
export const PARTNER_TYPES: PartnerType[] = ['PARTY_ORGANISATION', 'PARTY_CADRE', 'CIVILIZED_UNIT', 'SOCIAL_WORK_ORGANISATION', 'VOLUNTEER_ORGANISATION']

/** Pairings are formed, recorded on and ended by the admins of a subtree; partners are registered by the district's. */
export const PAIRING_ROLES = ['DISTRICT_ADMIN', 'INSTITUTE_ADMIN', 'STATION_ADMIN']
export const PARTNER_ROLES = ['DISTRICT_ADMIN']

/** A unit of the person's subtree with what pairing needs of it: its tier and whether it is open. */
export interface TreeUnit { unitId: string; name: string; depth: number; tier: string | null; status: string | null }

/**
 * The person's unit and everything below it, with tiers (staff.ts's subtree has names only; a pairing takes open
 * stations, and the API refuses anything else).
 */
export async function treeOf(district: string, unitId: string): Promise<TreeUnit[]> {
  const { data } = await hierarchyApi.GET('/api/v1/org-units/{unitId}/subtree', { params: { path: { unitId }, query: { district } } })
  return (data ?? []).filter((entry) => entry.unit?.unitId).map((entry) => ({
    unitId: entry.unit!.unitId!, name: entry.unit!.name ?? entry.unit!.unitId!, depth: entry.depth ?? 0,
    tier: entry.unit!.tier ?? null, status: entry.unit!.status ?? null,
  }))
}

/** The units a pairing may take: open (not closed) stations. */
export function openStations(units: TreeUnit[]): TreeUnit[] {
  return units.filter((unit) => unit.tier === 'STATION' && unit.status !== 'CLOSED')
}

const PAGE = 500
const MOST_PAGES = 20

/** Every page of a paged list (the API's largest pages, at most 10,000 entries). */
export async function everyPage<T>(fetchPage: (page: number, size: number) => Promise<{ items?: T[]; total?: number } | undefined>): Promise<T[]> {
  const all: T[] = []
  for (let page = 0; page < MOST_PAGES; page++) {
    const answer = await fetchPage(page, PAGE)
    const items = answer?.items ?? []
    all.push(...items)
    if (!items.length || all.length >= (answer?.total ?? all.length)) break
  }
  return all
}

/** Whether the pairing runs on `today`: as the API's health counts it (started, end date not passed), and not ended. */
export function stateOf(pairing: Pairing, today: string): PairingState {
  if (pairing.endReason != null || (pairing.endDate && pairing.endDate < today)) return 'ENDED'
  if (pairing.startDate && pairing.startDate > today) return 'UPCOMING'
  return 'RUNNING'
}

/** The date of the pairing's last activity up to `today` (later ones are plans), or null. */
export function lastActivity(pairing: Pairing, today: string): string | null {
  return (pairing.activities ?? []).map((activity) => activity.heldOn ?? '').filter((held) => held && held <= today)
    .reduce<string | null>((last, held) => (last === null || held > last ? held : last), null)
}

/** Activities held this calendar quarter up to `today`, to set against the pairing's target per quarter. */
export function thisQuarter(pairing: Pairing, today: string): number {
  const [year, month] = today.split('-')
  const start = `${year}-${String(Math.floor((Number(month) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`
  return (pairing.activities ?? []).filter((activity) => activity.heldOn && activity.heldOn >= start && activity.heldOn <= today).length
}

/** The log newest first. */
export function activityLog(pairing: Pairing): PairingActivity[] {
  return [...(pairing.activities ?? [])].sort((a, b) => (b.heldOn ?? '').localeCompare(a.heldOn ?? ''))
}

/** The pairings with a station among `units` (the person's subtree). */
export function inSubtree(pairings: Pairing[], units: Set<string>): Pairing[] {
  return pairings.filter((pairing) => (pairing.stationIds ?? []).some((stationId) => units.has(stationId)))
}

/**
 * The API's refusal in the pairing page's words (`console.pairings.problems.…`, refusals.ts): a problem the shared
 * words know only for orders ("illegal-transition") or not at all ("unknown-station") reads as a sentence about
 * pairings.
 */
export function usePairingWords() {
  return useRewording('console.pairings.problems')
}

