/*
 * The staff member using the console, as their token says (role, district, unit: shared/person.ts), with what the
 * pages show about them: their name, their unit's name, and the units of their subtree (the queue's unit filter,
 * and the units a live event may belong to).
 */
import { ref } from 'vue'
import { hierarchyApi, peopleApi, type HierarchySchemas } from '../api/client'
import type { Person } from '../shared/person'

export type OrgUnit = HierarchySchemas['schemas']['OrgUnitView']
export interface SubtreeUnit { unitId: string; name: string; depth: number; parentId: string | null }

/** The roles the console is for: the admins of the district's tree. */
export const STAFF_ROLES = ['DISTRICT_ADMIN', 'SUBCENTER_ADMIN', 'INSTITUTE_ADMIN', 'STATION_ADMIN']

export function isStaff(person: Person | null): boolean {
  return !!person && STAFF_ROLES.includes(person.role)
}

/** The units under `root` (itself included) among a subtree's units. */
export function unitsUnder(root: string, units: SubtreeUnit[]): Set<string> {
  const children = new Map<string, string[]>()
  for (const unit of units) {
    if (unit.parentId) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit.unitId])
  }
  const found = new Set<string>()
  const stack = [root]
  while (stack.length) {
    const id = stack.pop()!
    if (found.has(id)) continue
    found.add(id)
    stack.push(...(children.get(id) ?? []))
  }
  return found
}

const subtrees = new Map<string, Promise<SubtreeUnit[]>>()

/** The person's unit and everything below it, in tree order; fetched once per page load. */
export function subtreeOf(district: string, unitId: string): Promise<SubtreeUnit[]> {
  const key = district + '/' + unitId
  let units = subtrees.get(key)
  if (!units) {
    units = hierarchyApi.GET('/api/v1/org-units/{unitId}/subtree', { params: { path: { unitId }, query: { district } } })
      .then(({ data }) => (data ?? []).map((entry) => ({ unitId: entry.unit!.unitId!, name: entry.unit!.name ?? entry.unit!.unitId!,
        depth: entry.depth ?? 0, parentId: entry.unit!.parentId ?? null })))
    units.catch(() => subtrees.delete(key))
    subtrees.set(key, units)
  }
  return units
}

/** The header's facts: the person's name (their account) and the names of the units below them. */
export function useStaff(person: Person) {
  const name = ref<string | null>(null)
  const units = ref<SubtreeUnit[]>([])
  async function load() {
    const [me, subtree] = await Promise.allSettled([
      peopleApi.GET('/api/v1/people/me'),
      person.unitId ? subtreeOf(person.district, person.unitId) : Promise.resolve([]),
    ])
    if (me.status === 'fulfilled') name.value = me.value.data?.name ?? null
    if (subtree.status === 'fulfilled') units.value = subtree.value
    if (subtree.status === 'rejected') throw subtree.reason
  }
  function unitName(unitId: string | null | undefined): string {
    return units.value.find((unit) => unit.unitId === unitId)?.name ?? unitId ?? ''
  }
  return { name, units, load, unitName }
}
