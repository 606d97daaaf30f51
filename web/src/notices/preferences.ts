/*
 * The notice settings' form and the server's refusals placed on it: a refusal names the field it concerns —
 * `quietHours.from`, `quietHours.until`, or `sms[2]` / `wechat[0]`, an index into the list that was sent, which is the
 * kind whose switch it belongs beside.
 */
import type { NoticeSchemas } from '../api/client'

type PreferencesView = NoticeSchemas['schemas']['PreferencesView']

export interface PreferencesForm {
  sms: string[]
  wechat: string[]
  quiet: boolean
  from: string
  until: string
}

/** Quiet hours offered when the person turns them on: the night. */
export const NIGHT = { from: '22:00', until: '07:00' }

export function formOf(view: PreferencesView): PreferencesForm {
  return {
    sms: [...(view.sms ?? [])],
    wechat: [...(view.wechat ?? [])],
    quiet: !!view.quietHours,
    from: view.quietHours?.from ?? NIGHT.from,
    until: view.quietHours?.until ?? NIGHT.until,
  }
}

const CHANNEL_ENTRY = /^(sms|wechat)\[(\d+)\]$/
/** Fields the page shows beside an input of its own. */
export const PLACED_FIELDS = ['quietHours', 'quietHours.from', 'quietHours.until']

/** Refusals per kind (from `sms[i]` / `wechat[i]` of the list sent), and the rest that no input of the page names. */
export function channelProblems(fields: Record<string, string>, sent: PreferencesForm): { perKind: Record<string, string>; other: string | null } {
  const perKind: Record<string, string> = {}
  const other: string[] = []
  for (const [field, text] of Object.entries(fields)) {
    const entry = CHANNEL_ENTRY.exec(field)
    const kind = entry ? sent[entry[1] as 'sms' | 'wechat'][Number(entry[2])] : undefined
    if (kind) perKind[kind] = perKind[kind] ? perKind[kind] + ' ' + text : text
    else if (!PLACED_FIELDS.includes(field)) other.push(text)
  }
  return { perKind, other: other.length ? other.join(' ') : null }
}
