/* The service menu as residents browse it: by platform, and a search over names, descriptions and keywords. */
import type { MenuItem } from './orderForm'

export const PLATFORMS = ['THEORY_LECTURES', 'EDUCATION', 'CULTURE', 'SCIENCE', 'HEALTH_SPORTS', 'LEGAL', 'CARE', 'CIVILIZATION', 'ALL_MEDIA'] as const
export type Platform = typeof PLATFORMS[number]

/** Active items of one platform (or of all when searching), matching every word of the search. */
export function visibleItems(items: MenuItem[], platform: Platform | null, search: string): MenuItem[] {
  const words = search.trim().toLowerCase().split(/\s+/).filter(Boolean)
  return items
    .filter((item) => item.active !== false)
    .filter((item) => words.length > 0 || platform === null || item.platform === platform)
    .filter((item) => {
      const text = [item.name, item.description, item.code, ...(item.keywords ?? [])].join(' ').toLowerCase()
      return words.every((word) => text.includes(word))
    })
    .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'))
}
