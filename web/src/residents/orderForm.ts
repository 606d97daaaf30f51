/*
 * The order form is generated from the menu item's typed fields (the Open311 attribute model request-service checks
 * in AnswerValidation): each datatype has its input, its empty value, its check here (so most mistakes are shown
 * before sending) and its shape on the wire (numbers as numbers, date-times with the district's offset, lists as
 * lists; empty optional answers left out, as the service refuses an empty list).
 */
import type { RequestSchemas } from '../api/client'

export type MenuField = RequestSchemas['schemas']['MenuField']
export type MenuItem = RequestSchemas['schemas']['MenuItemView']
export type Datatype = NonNullable<MenuField['datatype']>
export type AnswerValue = string | string[]
export type Answers = Record<string, AnswerValue>

/** The service's limits (AnswerValidation.MAX_STRING, MAX_TEXT). */
export const MAX_STRING = 200
export const MAX_TEXT = 4000
/** Asia/Shanghai has no summer time: a local date-time is +08:00 all year. */
export const DISTRICT_OFFSET = '+08:00'

/** The fields in the item's order (the order the menu's author gave them). */
export function orderedFields(item: Pick<MenuItem, 'fields'>): MenuField[] {
  return [...(item.fields ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
}

export function emptyAnswers(fields: MenuField[]): Answers {
  const answers: Answers = {}
  for (const field of fields) answers[field.code!] = field.datatype === 'MULTIVALUELIST' ? [] : ''
  return answers
}

export type Problem = { key: string; values?: Record<string, unknown> }

function blank(value: AnswerValue | undefined): boolean {
  return value === undefined || (Array.isArray(value) ? value.length === 0 : value.trim() === '')
}

/** What is wrong with one answer, as a message key of the residents' words; null when it is fine. */
export function checkAnswer(field: MenuField, value: AnswerValue | undefined): Problem | null {
  if (blank(value)) return field.required ? { key: 'residents.form.required', values: { label: field.label } } : null
  const keys = new Set((field.values ?? []).map((v) => v.key))
  switch (field.datatype) {
    case 'STRING':
    case 'TEXT': {
      const max = field.datatype === 'STRING' ? MAX_STRING : MAX_TEXT
      return (value as string).length > max ? { key: 'residents.form.tooLong', values: { max } } : null
    }
    case 'NUMBER':
      return Number.isFinite(Number((value as string).trim())) ? null : { key: 'residents.form.number' }
    case 'DATETIME':
      return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value as string) ? null : { key: 'residents.form.dateTime' }
    case 'SINGLEVALUELIST':
      return keys.has(value as string) ? null : { key: 'residents.form.choose' }
    case 'MULTIVALUELIST':
      return (value as string[]).every((key) => keys.has(key)) ? null : { key: 'residents.form.choose' }
    default:
      return null
  }
}

/** Problems of the whole form, by the service's field path ("answers.<code>"), so server and page speak alike. */
export function checkAnswers(fields: MenuField[], answers: Answers): Record<string, Problem> {
  const problems: Record<string, Problem> = {}
  for (const field of fields) {
    const problem = checkAnswer(field, answers[field.code!])
    if (problem) problems['answers.' + field.code] = problem
  }
  return problems
}

/** The answers as the service takes them. */
export function wireAnswers(fields: MenuField[], answers: Answers): Record<string, unknown> {
  const wire: Record<string, unknown> = {}
  for (const field of fields) {
    const value = answers[field.code!]
    if (blank(value)) continue
    switch (field.datatype) {
      case 'NUMBER': wire[field.code!] = Number((value as string).trim()); break
      case 'DATETIME': wire[field.code!] = localToOffset(value as string); break
      case 'STRING':
      case 'TEXT': wire[field.code!] = (value as string).trim(); break
      default: wire[field.code!] = value
    }
  }
  return wire
}

/** "2026-03-07T09:30" typed in the district's zone → "2026-03-07T09:30:00+08:00". */
export function localToOffset(local: string): string {
  return local + ':00' + DISTRICT_OFFSET
}

/** A preferred window must end after it starts; both are optional. */
export function checkWindow(from: string, to: string): Problem | null {
  if (from && to && from >= to) return { key: 'residents.form.window' }
  return null
}

/** A request's answers as people read them: each field's label and its value (list keys by their names), in order. */
export function describeAnswers(item: Pick<MenuItem, 'fields'>, answers: Record<string, unknown> | undefined,
                                time: (iso: string) => string): { label: string; text: string }[] {
  if (!answers) return []
  return orderedFields(item)
    .filter((field) => answers[field.code!] !== undefined)
    .map((field) => {
      const raw = answers[field.code!]
      const names = new Map((field.values ?? []).map((v) => [v.key, v.name]))
      const text = Array.isArray(raw) ? raw.map((key) => names.get(String(key)) ?? String(key)).join('、')
        : field.datatype === 'DATETIME' ? time(String(raw)) : String(names.get(String(raw)) ?? raw)
      return { label: field.label ?? field.code!, text }
    })
}
