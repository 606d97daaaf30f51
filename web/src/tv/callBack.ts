/*
 * A call-back order from the TV: the viewer picks the service and answers what the remote can answer (the item's
 * list fields, by choosing); the station calls the viewer back on the number they logged in with for the rest. An
 * item that requires a typed answer (text, a number, a date) cannot be sent from the TV: the service would refuse it
 * without that answer, so the TV says so and names the phone app instead.
 */
import type { RequestSchemas } from '../api/client'

export type MenuItem = RequestSchemas['schemas']['MenuItemView']
export type MenuField = RequestSchemas['schemas']['MenuField']
export type Order = RequestSchemas['schemas']['Order']
export type Answers = Record<string, string | string[]>

const LISTS = new Set(['SINGLEVALUELIST', 'MULTIVALUELIST'])

export function isList(field: MenuField): boolean {
  return LISTS.has(field.datatype ?? '') && (field.values?.length ?? 0) > 0
}

/** The fields the remote answers, in the menu's order. */
export function listFields(item: MenuItem): MenuField[] {
  return (item.fields ?? []).filter(isList).sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
}

/** Whether the TV can send a valid order for the item: every required field is a list. */
export function orderableOnTv(item: MenuItem): boolean {
  return (item.fields ?? []).every((field) => !field.required || isList(field))
}

/** OK on a value: a single-value list takes it; a multi-value list adds it or takes it off again. */
export function choose(answers: Answers, field: MenuField, key: string): Answers {
  const code = field.code!
  if (field.datatype !== 'MULTIVALUELIST') return { ...answers, [code]: key }
  const chosen = Array.isArray(answers[code]) ? answers[code] as string[] : []
  const next = chosen.includes(key) ? chosen.filter((value) => value !== key) : [...chosen, key]
  const copy = { ...answers }
  if (next.length) copy[code] = next
  else delete copy[code]
  return copy
}

export function isChosen(answers: Answers, field: MenuField, key: string): boolean {
  const answer = answers[field.code!]
  return Array.isArray(answer) ? answer.includes(key) : answer === key
}

/** The first required field still unanswered, or null when the order can go. */
export function firstMissing(item: MenuItem, answers: Answers): MenuField | null {
  return listFields(item).find((field) => field.required && !answers[field.code!]) ?? null
}

export interface CallBack {
  item: MenuItem
  answers: Answers
  requesterId: string
  mobile: string
  description: string
  /** The community of the station the viewer chose, or null: then the station's location places the order. */
  community: string | null
  stationLocation: { latitude: number; longitude: number } | null
}

/** The body of POST /api/v1/requests for a call-back order from the TV. */
export function callBackOrder(order: CallBack): Order {
  const body: Order = {
    menuItem: order.item.code!, channel: 'TV', requesterId: order.requesterId,
    description: order.description, contact: order.mobile, answers: { ...order.answers },
  }
  if (order.community) body.community = order.community
  else if (order.stationLocation) body.location = { ...order.stationLocation }
  return body
}
