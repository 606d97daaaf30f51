/*
 * The district's service menu as its admin edits it (request-service, MenuController): an item's typed fields (the
 * Open311 attribute model: code, label, datatype, required, order, description, and values for the list types) and
 * its SLA targets per stage as ISO-8601 durations, which people read and type as hours and minutes. The conversions
 * here are exact both ways (days fold into hours; seconds, which the API allows, are kept), and the checks are the
 * API's own limits, so most mistakes are shown before anything is sent, under the API's own field paths.
 */
import type { RequestSchemas } from '../api/client'

export type MenuItemView = RequestSchemas['schemas']['MenuItemView']
export type ItemRequest = RequestSchemas['schemas']['ItemRequest']
export type FieldRequest = RequestSchemas['schemas']['FieldRequest']
export type MenuDefaults = RequestSchemas['schemas']['Defaults']
export type Datatype = FieldRequest['datatype']
export type Platform = ItemRequest['platform']

/** The stages with an SLA clock (events' Stage), in the order a request goes through them. */
export const STAGES = ['REVIEW', 'DISPATCH', 'ACCEPT', 'COMPLETE'] as const
export type Stage = typeof STAGES[number]

export const DATATYPES: Datatype[] = ['STRING', 'TEXT', 'NUMBER', 'DATETIME', 'SINGLEVALUELIST', 'MULTIVALUELIST']

export function isList(datatype: Datatype): boolean {
  return datatype === 'SINGLEVALUELIST' || datatype === 'MULTIVALUELIST'
}

/** ApiFormats.CODE: an item's code and a field's code. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/

/** MenuController's bean-validation limits. */
export const LIMITS = {
  name: 100, description: 2000, keywords: 20, keyword: 30, fields: 50, label: 100, fieldDescription: 500, values: 100,
  valueKey: 60, valueName: 100, skill: [1, 5], expectedMinutes: [1, 1440], peopleNeeded: [1, 100],
} as const

/** Where neither the item nor the district sets a target (MenuController.PLATFORM_DEFAULTS; reopen window P7D). */
export const PLATFORM_DEFAULTS: Record<Stage | 'reopenWindow', string> = {
  REVIEW: 'PT2H', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'P3D', reopenWindow: 'P7D',
}

/** A message of the console's words (full key) with its values; the page says it in its language. */
export interface Problem { key: string; values?: Record<string, unknown> }
export type Translate = (key: string, values?: Record<string, unknown>) => string

// ------------------------------------------------------------------------------------------------------ durations

/** A positive duration: whole seconds and the decimals of a second ('' when none, no trailing zeros). */
export interface Duration { seconds: number; fraction: string }

/** The API's bounds (MenuController.duration): more than zero, at most 30 days. */
export const MAX_SECONDS = 30 * 86_400

/** java.time.Duration.parse's grammar for what the API can accept: days, hours, minutes, seconds, no signs. */
const ISO = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)(?:[.,](\d{0,9}))?S)?)?$/i

/** "PT1H30M", "P3D", "PT0.5S" → seconds and fraction; null for what is no duration (or a negative one). */
export function parseDuration(text: string | null | undefined): Duration | null {
  const trimmed = (text ?? '').trim()
  const match = ISO.exec(trimmed)
  if (!match || /T$/i.test(trimmed) || trimmed.length < 3) return null
  const [, days, hours, minutes, seconds, fraction] = match
  const whole = Number(days ?? 0) * 86_400 + Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0)
  return { seconds: whole, fraction: (fraction ?? '').replace(/0+$/, '') }
}

/** As java.time.Duration.toString writes it, so what is sent reads back the same: "PT72H", "PT1H30M", "PT0.5S". */
export function formatDuration(duration: Duration): string {
  const { seconds, fraction } = duration
  if (seconds === 0 && !fraction) return 'PT0S'
  const hours = Math.floor(seconds / 3600)
  const minutes = Math.floor((seconds % 3600) / 60)
  const rest = seconds % 60
  return 'PT' + (hours ? hours + 'H' : '') + (minutes ? minutes + 'M' : '')
    + (rest || fraction ? rest + (fraction ? '.' + fraction : '') + 'S' : '')
}

/** A duration as typed: hours (days folded in), minutes, and seconds only when the value has any ('' otherwise). */
export interface HumanDuration { hours: string | number; minutes: string | number; seconds: string | number }

export const NO_DURATION: HumanDuration = { hours: '', minutes: '', seconds: '' }

/** The API's ISO duration as the form shows it; empty when there is none (or it cannot be read). */
export function toHuman(iso: string | null | undefined): HumanDuration {
  const duration = parseDuration(iso)
  if (!duration) return { ...NO_DURATION }
  const rest = duration.seconds % 60
  return {
    hours: String(Math.floor(duration.seconds / 3600)),
    minutes: String(Math.floor((duration.seconds % 3600) / 60)),
    seconds: rest || duration.fraction ? rest + (duration.fraction ? '.' + duration.fraction : '') : '',
  }
}

export function isBlank(human: HumanDuration): boolean {
  return [human.hours, human.minutes, human.seconds].every((part) => String(part ?? '').trim() === '')
}

/**
 * The typed duration as the API takes it: `iso` when it is one, `problem` when it is not (whole hours, minutes 0–59,
 * seconds 0–59 with at most nine decimals, more than zero, at most 30 days), neither when nothing was typed.
 */
export function fromHuman(human: HumanDuration): { iso?: string; problem?: Problem } {
  if (isBlank(human)) return {}
  const text = (part: string | number) => String(part ?? '').trim()
  const [hours, minutes, seconds] = [text(human.hours), text(human.minutes), text(human.seconds)]
  if (!/^\d*$/.test(hours)) return { problem: { key: 'console.menu.problems.hours' } }
  if (!/^\d*$/.test(minutes) || Number(minutes) > 59) return { problem: { key: 'console.menu.problems.minutes' } }
  const secondsMatch = /^(\d*)(?:\.(\d{1,9}))?$/.exec(seconds)
  if (!secondsMatch || Number(secondsMatch[1] || 0) > 59) return { problem: { key: 'console.menu.problems.seconds' } }
  const fraction = (secondsMatch[2] ?? '').replace(/0+$/, '')
  const whole = Number(hours || 0) * 3600 + Number(minutes || 0) * 60 + Number(secondsMatch[1] || 0)
  if (whole === 0 && !fraction) return { problem: { key: 'console.menu.problems.durationZero' } }
  if (whole > MAX_SECONDS || (whole === MAX_SECONDS && fraction)) return { problem: { key: 'console.menu.problems.durationLong' } }
  return { iso: formatDuration({ seconds: whole, fraction }) }
}

/** "3 天 2 小时", "1 小时 30 分钟", "0.5 秒" in the page's words; what cannot be read as it is. */
export function durationText(iso: string | null | undefined, t: Translate): string {
  if (!iso) return ''
  const duration = parseDuration(iso)
  if (!duration) return iso
  const days = Math.floor(duration.seconds / 86_400)
  const hours = Math.floor((duration.seconds % 86_400) / 3600)
  const minutes = Math.floor((duration.seconds % 3600) / 60)
  const rest = duration.seconds % 60
  const parts: string[] = []
  if (days) parts.push(t('console.menu.duration.days', { n: days }))
  if (hours) parts.push(t('console.menu.duration.hours', { n: hours }))
  if (minutes) parts.push(t('console.menu.duration.minutes', { n: minutes }))
  if (rest || duration.fraction || !parts.length) {
    parts.push(t('console.menu.duration.seconds', { n: rest + (duration.fraction ? '.' + duration.fraction : '') }))
  }
  return parts.join(' ')
}

// ----------------------------------------------------------------------------------------------------- the item

export interface ValueDraft { key: string; name: string }
export interface FieldDraft {
  /** The row's own key on the page (codes change while typed). */
  uid: string
  code: string
  label: string
  datatype: Datatype
  required: boolean
  description: string
  /** Kept while another datatype is chosen, sent only for the list types. */
  values: ValueDraft[]
}

export interface ItemDraft {
  code: string
  name: string
  platform: Platform | ''
  description: string
  /** Comma-separated as typed. */
  keywords: string
  minimumSkillLevel: string | number
  expectedMinutes: string | number
  peopleNeeded: string | number
  fields: FieldDraft[]
  sla: Record<Stage, HumanDuration>
  reopenWindow: HumanDuration
  /** Not edited here: sent back as the item had them. */
  offeringUnitIds: string[]
}

/** The draft of the one item being edited: which item (null: a new one), the version it was based on, what was typed. */
export interface EditorDraft { code: string | null; etag: string | null; form: ItemDraft }
export const EDITOR_DRAFT = 'console.menu.editor'

let uids = 0
export function newUid(): string {
  uids += 1
  return 'f' + Date.now().toString(36) + '-' + uids
}

export function newField(): FieldDraft {
  return { uid: newUid(), code: '', label: '', datatype: 'STRING', required: false, description: '', values: [] }
}

function slaDraft(sla: Record<string, string> | undefined): Record<Stage, HumanDuration> {
  return Object.fromEntries(STAGES.map((stage) => [stage, toHuman(sla?.[stage])])) as Record<Stage, HumanDuration>
}

/** A new item's form: the menu's usual one-person, one-hour, level-1 service; the district's targets apply. */
export function emptyDraft(): ItemDraft {
  return {
    code: '', name: '', platform: '', description: '', keywords: '', minimumSkillLevel: 1, expectedMinutes: 60, peopleNeeded: 1,
    fields: [], sla: slaDraft(undefined), reopenWindow: { ...NO_DURATION }, offeringUnitIds: [],
  }
}

/** An item's form as it stands: its fields in their order, its targets as hours and minutes. */
export function draftOf(item: MenuItemView): ItemDraft {
  return {
    code: item.code ?? '', name: item.name ?? '', platform: item.platform ?? '', description: item.description ?? '',
    keywords: (item.keywords ?? []).join('，'),
    minimumSkillLevel: item.minimumSkillLevel ?? 1, expectedMinutes: item.expectedMinutes ?? 60, peopleNeeded: item.peopleNeeded ?? 1,
    fields: [...(item.fields ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0)).map((field) => ({
      uid: newUid(), code: field.code ?? '', label: field.label ?? '', datatype: field.datatype ?? 'STRING', required: !!field.required,
      description: field.description ?? '', values: (field.values ?? []).map((value) => ({ key: value.key ?? '', name: value.name ?? '' })),
    })),
    sla: slaDraft(item.sla), reopenWindow: toHuman(item.reopenWindow), offeringUnitIds: [...(item.offeringUnitIds ?? [])],
  }
}

/** Keywords as typed, split at commas (Chinese or not) and 、. */
export function keywordsOf(text: string): string[] {
  return text.split(/[,，、]/).map((word) => word.trim()).filter(Boolean)
}

function whole(value: string | number): number | null {
  const text = String(value ?? '').trim()
  return /^\d+$/.test(text) ? Number(text) : null
}

function inRange(value: string | number, [min, max]: readonly [number, number]): boolean {
  const n = whole(value)
  return n !== null && n >= min && n <= max
}

const required = (): Problem => ({ key: 'problems.constraint.required' })
const tooLong = (max: number): Problem => ({ key: 'console.menu.problems.tooLong', values: { max } })

/**
 * What is wrong with the form, by the API's field paths ("name", "fields[2].label", "fields[2].values[0].key",
 * "sla.REVIEW"); empty when it may be sent. `takenCodes`: codes the district's menu already has (a new item's code
 * must not take over one of them: the API would publish it as a new version).
 */
export function checkDraft(draft: ItemDraft, isNew: boolean, takenCodes: Iterable<string> = []): Record<string, Problem> {
  const problems: Record<string, Problem> = {}
  if (isNew) {
    const code = draft.code.trim()
    if (!code) problems.code = required()
    else if (!CODE_PATTERN.test(code)) problems.code = { key: 'console.menu.problems.code' }
    else if ([...takenCodes].includes(code)) problems.code = { key: 'console.menu.problems.codeTaken' }
  }
  if (!draft.name.trim()) problems.name = required()
  else if (draft.name.trim().length > LIMITS.name) problems.name = tooLong(LIMITS.name)
  if (!draft.platform) problems.platform = required()
  if (draft.description.length > LIMITS.description) problems.description = tooLong(LIMITS.description)
  const keywords = keywordsOf(draft.keywords)
  if (keywords.length > LIMITS.keywords) problems.keywords = { key: 'console.menu.problems.tooMany', values: { max: LIMITS.keywords } }
  else if (keywords.some((word) => word.length > LIMITS.keyword)) problems.keywords = { key: 'console.menu.problems.keywordLong', values: { max: LIMITS.keyword } }
  const range = (name: 'minimumSkillLevel' | 'expectedMinutes' | 'peopleNeeded', limits: readonly [number, number]) => {
    if (!inRange(draft[name], limits)) problems[name] = { key: 'console.menu.problems.between', values: { min: limits[0], max: limits[1] } }
  }
  range('minimumSkillLevel', LIMITS.skill)
  range('expectedMinutes', LIMITS.expectedMinutes)
  range('peopleNeeded', LIMITS.peopleNeeded)

  if (draft.fields.length > LIMITS.fields) problems.fields = { key: 'console.menu.problems.tooMany', values: { max: LIMITS.fields } }
  const codes = new Map<string, number>()
  draft.fields.forEach((field, i) => {
    const at = `fields[${i}]`
    const code = field.code.trim()
    if (!code) problems[at + '.code'] = required()
    else if (!CODE_PATTERN.test(code)) problems[at + '.code'] = { key: 'console.menu.problems.code' }
    else if (codes.has(code)) problems[at + '.code'] = { key: 'console.menu.problems.fieldCodeTwice', values: { n: codes.get(code)! + 1 } }
    else codes.set(code, i)
    if (!field.label.trim()) problems[at + '.label'] = required()
    else if (field.label.trim().length > LIMITS.label) problems[at + '.label'] = tooLong(LIMITS.label)
    if (field.description.length > LIMITS.fieldDescription) problems[at + '.description'] = tooLong(LIMITS.fieldDescription)
    if (!isList(field.datatype)) return
    if (!field.values.length) problems[at + '.values'] = { key: 'console.menu.problems.noValues' }
    else if (field.values.length > LIMITS.values) problems[at + '.values'] = { key: 'console.menu.problems.tooMany', values: { max: LIMITS.values } }
    const keys = new Set<string>()
    field.values.forEach((value, j) => {
      const valueAt = `${at}.values[${j}]`
      const key = value.key.trim()
      if (!key) problems[valueAt + '.key'] = required()
      else if (key.length > LIMITS.valueKey) problems[valueAt + '.key'] = tooLong(LIMITS.valueKey)
      else if (keys.has(key)) problems[valueAt + '.key'] = { key: 'console.menu.problems.valueKeyTwice' }
      keys.add(key)
      if (!value.name.trim()) problems[valueAt + '.name'] = required()
      else if (value.name.trim().length > LIMITS.valueName) problems[valueAt + '.name'] = tooLong(LIMITS.valueName)
    })
  })
  Object.assign(problems, checkTargets(draft.sla, draft.reopenWindow))
  return problems
}

function checkTargets(sla: Record<Stage, HumanDuration>, reopenWindow: HumanDuration): Record<string, Problem> {
  const problems: Record<string, Problem> = {}
  for (const stage of STAGES) {
    const checked = fromHuman(sla[stage])
    if (checked.problem) problems['sla.' + stage] = checked.problem
  }
  const reopen = fromHuman(reopenWindow)
  if (reopen.problem) problems.reopenWindow = reopen.problem
  return problems
}

function targets(sla: Record<Stage, HumanDuration>, reopenWindow: HumanDuration): { sla: Record<string, string>; reopenWindow?: string } {
  const given: Record<string, string> = {}
  for (const stage of STAGES) {
    const iso = fromHuman(sla[stage]).iso
    if (iso) given[stage] = iso
  }
  const reopen = fromHuman(reopenWindow).iso
  return { sla: given, ...(reopen ? { reopenWindow: reopen } : {}) }
}

/**
 * The body of PUT /menu/items/{code} for a checked form: the whole item (a PUT publishes a new version of all of it),
 * fields in the order shown (order 1, 2, …), values only for the list types, only the targets that were typed (the
 * others come from the district's defaults, as the API fills them in).
 */
export function itemBody(draft: ItemDraft): ItemRequest {
  const description = draft.description.trim()
  return {
    name: draft.name.trim(),
    platform: draft.platform as Platform,
    ...(description ? { description } : {}),
    keywords: keywordsOf(draft.keywords),
    minimumSkillLevel: Number(String(draft.minimumSkillLevel).trim()),
    expectedMinutes: Number(String(draft.expectedMinutes).trim()),
    peopleNeeded: Number(String(draft.peopleNeeded).trim()),
    fields: draft.fields.map((field, i) => {
      const fieldDescription = field.description.trim()
      return {
        code: field.code.trim(), label: field.label.trim(), datatype: field.datatype, required: field.required, order: i + 1,
        ...(fieldDescription ? { description: fieldDescription } : {}),
        ...(isList(field.datatype) ? { values: field.values.map((value) => ({ key: value.key.trim(), name: value.name.trim() })) } : {}),
      }
    }),
    offeringUnitIds: [...draft.offeringUnitIds],
    ...targets(draft.sla, draft.reopenWindow),
  }
}

/** Moves the entry at `from` by `by` places (−1 up, +1 down); the same array when it cannot move. */
export function moved<T>(list: T[], from: number, by: number): T[] {
  const to = from + by
  if (from < 0 || from >= list.length || to < 0 || to >= list.length) return list
  const next = [...list]
  const [entry] = next.splice(from, 1)
  next.splice(to, 0, entry)
  return next
}

// ------------------------------------------------------------------------------------------------- the defaults

export interface DefaultsDraft { sla: Record<Stage, HumanDuration>; reopenWindow: HumanDuration }

/** GET /menu/defaults answers stage → ISO duration and "reopenWindow"; nothing when the district set none. */
export function defaultsDraft(answer: Record<string, string> | undefined): DefaultsDraft {
  return { sla: slaDraft(answer), reopenWindow: toHuman(answer?.reopenWindow) }
}

export function checkDefaults(draft: DefaultsDraft): Record<string, Problem> {
  return checkTargets(draft.sla, draft.reopenWindow)
}

/** The body of PUT /menu/defaults: what was typed; what was left empty falls back to the platform's defaults. */
export function defaultsBody(draft: DefaultsDraft): MenuDefaults {
  return targets(draft.sla, draft.reopenWindow)
}

/** The target that applies to an item setting none: the district's, else the platform's. */
export function fallbackTarget(defaults: Record<string, string>, key: Stage | 'reopenWindow'): string {
  return defaults[key] || PLATFORM_DEFAULTS[key]
}

// ------------------------------------------------------------------------------------------------- the problems

/**
 * The API's field paths as the form places them: bean validation names a map's entry "sla[REVIEW]" where the
 * controller's own check says "sla.REVIEW"; a keyword's or an offering unit's index is shown at the whole list.
 */
export function problemKey(path: string): string {
  return path
    .replace(/^sla\[(\w+)\]/, 'sla.$1')
    .replace(/^(keywords|offeringUnitIds)\[\d+\].*$/, '$1')
}

/**
 * The API's problems (by field path) split into those the form shows beside a field (`shown` says which it shows)
 * and the rest, shown with the form as a whole, so that none is lost.
 */
export function placeProblems(fields: Record<string, string>, shown: (key: string) => boolean): { byKey: Record<string, string>; rest: string[] } {
  const byKey: Record<string, string> = {}
  const rest: string[] = []
  for (const [path, text] of Object.entries(fields)) {
    const key = problemKey(path)
    if (shown(key)) byKey[key] = byKey[key] ? byKey[key] + ' ' + text : text
    else rest.push(text)
  }
  return { byKey, rest }
}

/** The field paths the item form shows beside a field. */
export function shownKeys(draft: ItemDraft): Set<string> {
  const keys = new Set(['code', 'name', 'platform', 'description', 'keywords', 'minimumSkillLevel', 'expectedMinutes', 'peopleNeeded',
    'fields', 'reopenWindow', ...STAGES.map((stage) => 'sla.' + stage)])
  draft.fields.forEach((field, i) => {
    for (const part of ['code', 'label', 'datatype', 'description', 'values']) keys.add(`fields[${i}].${part}`)
    field.values.forEach((_, j) => {
      keys.add(`fields[${i}].values[${j}].key`)
      keys.add(`fields[${i}].values[${j}].name`)
    })
  })
  return keys
}
