/* The nine platforms in the order the seed lists them, and times of day as the district reads them. */
import { ZONE } from '../shared/format'
import type { MenuItem } from './callBack'

export type Platform = NonNullable<MenuItem['platform']>

export const PLATFORMS: Platform[] = ['THEORY_LECTURES', 'EDUCATION', 'CULTURE', 'SCIENCE', 'HEALTH_SPORTS', 'LEGAL',
  'CARE', 'CIVILIZATION', 'ALL_MEDIA']

/** 09:30 in the district's zone. */
export function timeOfDay(iso: string | null | undefined, locale: string): string {
  if (!iso) return ''
  return new Intl.DateTimeFormat(locale, { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hour12: false })
    .format(new Date(iso))
}
