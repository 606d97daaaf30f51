/*
 * The district's organisation tree (hierarchy-service) as the units page shows it: the person's subtree as a tree
 * (the API answers it breadth first; the page shows it depth first, each unit under its parent), a unit's details,
 * path and coverage as of a day, the checks of the two changes the page makes (details, grids) before they are sent,
 * and the API's refusals in this page's words.
 */
import { useI18n } from 'vue-i18n'
import { hierarchyApi, type HierarchySchemas } from '../api/client'
import { isDay } from '../shared/format'
import { useRewording } from './refusals'

type Schemas = HierarchySchemas['schemas']
export type UnitView = Schemas['OrgUnitView']
export type SubtreeEntry = Schemas['SubtreeEntry']
export type Coverage = Schemas['Coverage']
export type ChangeDetails = Schemas['ChangeDetails']
export type DefineGrids = Schemas['DefineGrids']
export type Tier = NonNullable<UnitView['tier']>
export type Platform = NonNullable<UnitView['platforms']>[number]

export const TIERS: Tier[] = ['CENTER', 'SUB_CENTER', 'INSTITUTE', 'STATION', 'POINT']
export const PLATFORMS: Platform[] = ['THEORY_LECTURES', 'EDUCATION', 'CULTURE', 'SCIENCE', 'HEALTH_SPORTS', 'LEGAL', 'CARE', 'CIVILIZATION', 'ALL_MEDIA']

/** The API's deepest subtree: the whole district fits in it (center, sub-center, institute, station, point). */
export const TREE_DEPTH = 10

/* ---------------------------------------------------------------- the tree */

export interface TreeNode {
  unitId: string
  name: string
  tier: Tier | null
  status: UnitView['status'] | null
  parentId: string | null
  /** Levels below the tree's root (the root is 0). */
  depth: number
  children: string[]
}

export interface Tree {
  root: string | null
  nodes: Map<string, TreeNode>
  /** Every unit depth first, each after its parent, siblings in the API's order. */
  order: string[]
}

export const EMPTY_TREE: Tree = { root: null, nodes: new Map(), order: [] }

/** The subtree as the API answers it (breadth first, the root at depth 0) made a tree. */
export function buildTree(entries: SubtreeEntry[]): Tree {
  const nodes = new Map<string, TreeNode>()
  let root: string | null = null
  for (const entry of entries) {
    const unit = entry.unit
    if (!unit?.unitId || nodes.has(unit.unitId)) continue
    nodes.set(unit.unitId, {
      unitId: unit.unitId, name: unit.name ?? unit.unitId, tier: unit.tier ?? null, status: unit.status ?? null,
      parentId: unit.parentId ?? null, depth: 0, children: [],
    })
    if (root === null) root = unit.unitId
  }
  for (const node of nodes.values()) {
    if (node.unitId !== root && node.parentId && nodes.has(node.parentId)) nodes.get(node.parentId)!.children.push(node.unitId)
  }
  const order: string[] = []
  const walk = (id: string, depth: number) => {
    const node = nodes.get(id)!
    node.depth = depth
    order.push(id)
    node.children.forEach((child) => walk(child, depth + 1))
  }
  if (root) walk(root, 0)
  return { root, nodes, order }
}

/** The units above `unitId` in the tree, the root first (empty for the root or a unit not in the tree). */
export function ancestorsOf(tree: Tree, unitId: string): string[] {
  const found: string[] = []
  let parent = tree.nodes.get(unitId)?.parentId ?? null
  while (parent && tree.nodes.has(parent) && !found.includes(parent)) {
    found.unshift(parent)
    if (parent === tree.root) break
    parent = tree.nodes.get(parent)!.parentId
  }
  return found
}

/**
 * The rows shown: depth first, below a unit only when it is open; with a name to find, the units whose name holds it
 * and the units above them, whatever is open.
 */
export function visibleRows(tree: Tree, open: Set<string>, find: string): TreeNode[] {
  const needle = find.trim().toLowerCase()
  if (needle) {
    const shown = new Set<string>()
    for (const id of tree.order) {
      if (tree.nodes.get(id)!.name.toLowerCase().includes(needle)) {
        shown.add(id)
        ancestorsOf(tree, id).forEach((above) => shown.add(above))
      }
    }
    return tree.order.filter((id) => shown.has(id)).map((id) => tree.nodes.get(id)!)
  }
  const rows: TreeNode[] = []
  const walk = (id: string) => {
    const node = tree.nodes.get(id)!
    rows.push(node)
    if (open.has(id)) node.children.forEach(walk)
  }
  if (tree.root) walk(tree.root)
  return rows
}

/* ---------------------------------------------------------------- the API's reads */

/** The unit and everything below it as of `asOf` (today when null). */
export async function fetchTree(district: string, unitId: string, asOf: string | null): Promise<Tree> {
  const { data } = await hierarchyApi.GET('/api/v1/org-units/{unitId}/subtree', {
    params: { path: { unitId }, query: { district, depth: TREE_DEPTH, ...(asOf ? { asOf } : {}) } } })
  return buildTree(data ?? [])
}

/** The district's center (the root of its tree), for a person whose account belongs to no unit; null when none. */
export async function findCenter(district: string, asOf: string | null): Promise<string | null> {
  const { data } = await hierarchyApi.GET('/api/v1/org-units', {
    params: { query: { district, tier: 'CENTER', size: 1, ...(asOf ? { asOf } : {}) } } })
  return data?.items?.[0]?.unitId ?? null
}

export interface UnitRead {
  unit: UnitView
  /** The unit's version now, to send as If-Match. */
  etag: string | null
}

export async function fetchUnit(district: string, unitId: string, asOf: string | null): Promise<UnitRead> {
  const { data, response } = await hierarchyApi.GET('/api/v1/org-units/{unitId}', {
    params: { path: { unitId }, query: { district, ...(asOf ? { asOf } : {}) } } })
  const unit = data ?? {}
  const etag = response.headers.get('ETag') ?? (unit.version !== undefined ? `"${unit.version}"` : null)
  return { unit, etag }
}

export async function fetchPath(district: string, unitId: string, asOf: string | null): Promise<UnitView[]> {
  const { data } = await hierarchyApi.GET('/api/v1/org-units/{unitId}/path', {
    params: { path: { unitId }, query: { district, ...(asOf ? { asOf } : {}) } } })
  return data ?? []
}

export async function fetchCoverage(district: string, unitId: string, asOf: string | null): Promise<Coverage> {
  const { data } = await hierarchyApi.GET('/api/v1/org-units/{unitId}/coverage', {
    params: { path: { unitId }, query: { district, ...(asOf ? { asOf } : {}) } } })
  return data ?? {}
}

/* ---------------------------------------------------------------- coverage as people read it */

export interface CoverageRow { community: string; coveredBy: string | null; grids: string[] | null }

export interface CoverageFacts {
  known: number
  covered: number
  uncovered: string[]
  grids: number
  gridsCovered: number
  uncoveredGrids: string[]
  rows: CoverageRow[]
}

/**
 * What the coverage says: the known communities (declared by institutes, or covered by a station) with the station
 * covering each and their grids; the gaps (declared communities no open station covers, and their grids).
 */
export function coverageFacts(coverage: Coverage): CoverageFacts {
  const coveredBy = coverage.coveredBy ?? {}
  const uncovered = coverage.uncovered ?? []
  const grids = coverage.grids ?? {}
  const communities = [...new Set([...uncovered, ...Object.keys(coveredBy), ...Object.keys(grids)])]
  const rows = communities.map((community) => ({ community, coveredBy: coveredBy[community] ?? null, grids: grids[community] ?? null }))
  const gridCount = Object.values(grids).reduce((sum, list) => sum + list.length, 0)
  const uncoveredGrids = coverage.uncoveredGrids ?? []
  return {
    known: communities.length, covered: Object.keys(coveredBy).length, uncovered,
    grids: gridCount, gridsCovered: gridCount - uncoveredGrids.length, uncoveredGrids, rows,
  }
}

export function percent(ratio: number | undefined, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(ratio ?? 0)
}

/* ---------------------------------------------------------------- dates */

/* ---------------------------------------------------------------- the changes and their checks */

/** The non-empty lines of a text area, trimmed. */
export function lines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line.length > 0)
}

type Translate = (key: string, values?: Record<string, unknown>) => string

export interface DetailsForm {
  divisionCode: string
  contact: string
  clearContact: boolean
  openingHours: string
  platforms: Platform[]
  communities: string
  effectiveDate: string
}

export function detailsForm(unit: UnitView): DetailsForm {
  return {
    divisionCode: unit.divisionCode ?? '', contact: '', clearContact: false, openingHours: unit.openingHours ?? '',
    platforms: PLATFORMS.filter((platform) => unit.platforms?.includes(platform)),
    communities: (unit.communities ?? []).join('\n'), effectiveDate: '',
  }
}

function checkList(names: string[], max: number, longest: number, tooLong: string, t: Translate): string | null {
  if (names.length > max) return t('console.units.check.tooMany', { max })
  if (names.some((name) => name.length > longest)) return t(tooLong)
  const twice = names.find((name, i) => names.indexOf(name) !== i)
  return twice ? t('console.units.check.duplicate', { name: twice }) : null
}

/**
 * What is wrong with the details before they are sent, by field. The API replaces every detail with what it is sent
 * (a contact left out is cleared), and shows the contact masked only: so a unit that has a contact needs it typed
 * again, or cleared on purpose.
 */
export function checkDetails(form: DetailsForm, hasContact: boolean, t: Translate): Record<string, string> {
  const problems: Record<string, string> = {}
  const divisionCode = form.divisionCode.trim()
  if (divisionCode && !/^\d{6,12}$/.test(divisionCode)) problems.divisionCode = t('console.units.check.divisionCode')
  const contact = form.contact.trim()
  if (contact && !/^[0-9+\- ]{5,20}$/.test(contact)) problems.contact = t('console.units.check.contact')
  if (!contact && hasContact && !form.clearContact) problems.contact = t('console.units.details.contactNeeded')
  if (form.openingHours.trim().length > 100) problems.openingHours = t('console.units.check.openingHours')
  const communities = checkList(lines(form.communities), 500, 60, 'console.units.check.community', t)
  if (communities) problems.communities = communities
  if (form.effectiveDate && !isDay(form.effectiveDate)) problems.effectiveDate = t('console.units.check.date')
  return problems
}

export function detailsBody(form: DetailsForm): ChangeDetails {
  const contact = form.contact.trim()
  return {
    ...(form.divisionCode.trim() ? { divisionCode: form.divisionCode.trim() } : {}),
    ...(contact && !form.clearContact ? { contact } : {}),
    ...(form.openingHours.trim() ? { openingHours: form.openingHours.trim() } : {}),
    platforms: PLATFORMS.filter((platform) => form.platforms.includes(platform)),
    communities: lines(form.communities),
    ...(form.effectiveDate ? { effectiveDate: form.effectiveDate } : {}),
  }
}

export interface GridsForm { community: string; grids: string; effectiveDate: string }

export function checkGrids(form: GridsForm, t: Translate): Record<string, string> {
  const problems: Record<string, string> = {}
  if (!form.community) problems.community = t('console.units.check.chooseCommunity')
  const grids = checkList(lines(form.grids), 200, 60, 'console.units.check.grid', t)
  if (grids) problems.grids = grids
  if (form.effectiveDate && !isDay(form.effectiveDate)) problems.effectiveDate = t('console.units.check.date')
  return problems
}

export function gridsBody(form: GridsForm): DefineGrids {
  return { community: form.community, grids: lines(form.grids), ...(form.effectiveDate ? { effectiveDate: form.effectiveDate } : {}) }
}

/* ---------------------------------------------------------------- refusals */

/**
 * The API's refusal in the units page's words (`console.units.problems.…`, refusals.ts); `unitName` names the station
 * a community already belongs to.
 */
export function useUnitWords(unitName: (unitId: string) => string) {
  const { t } = useI18n()
  return useRewording('console.units.problems', (error) => {
    if (error.code !== 'community-covered') return null
    const named = /Community '(.+)' is already covered by '(.+)'/.exec(error.problem.detail ?? '')
    return named ? t('console.units.problems.community-covered', { community: named[1], unit: unitName(named[2]) })
      : t('console.units.problems.community-covered-plain')
  })
}

