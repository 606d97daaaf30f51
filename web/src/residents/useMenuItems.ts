/*
 * The district's menu items by code, for naming orders (a request carries only its item's id) and reading their
 * answers. Fetched once per district and page load: every card and page asks the same promise.
 */
import { ref } from 'vue'
import { requestApi } from '../api/client'
import type { MenuItem } from './orderForm'

const loaded = new Map<string, Promise<Record<string, MenuItem>>>()

export function menuItemsOf(district: string): Promise<Record<string, MenuItem>> {
  let items = loaded.get(district)
  if (!items) {
    items = requestApi.GET('/api/v1/menu/items', { params: { query: { district, includeRetired: true } } })
      .then(({ data }) => Object.fromEntries((data ?? []).map((item) => [item.code!, item])))
    items.catch(() => loaded.delete(district))
    loaded.set(district, items)
  }
  return items
}

/** The code of a request's item ("cq-jiulongpo/FIX" → "FIX"). */
export function itemCode(menuItemId: string | undefined): string {
  return menuItemId?.split('/').pop() ?? ''
}

export function useMenuItems(district: string) {
  const byCode = ref<Record<string, MenuItem>>({})
  async function load() {
    byCode.value = await menuItemsOf(district)
  }
  /** The item's name; its code while the menu is not loaded. */
  function name(menuItemId: string | undefined): string {
    const code = itemCode(menuItemId)
    return byCode.value[code]?.name ?? code
  }
  return { byCode, load, name }
}
