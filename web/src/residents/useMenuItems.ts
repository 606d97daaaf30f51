/* The district's menu items by code, for naming orders (a request carries only its item's id). */
import { ref } from 'vue'
import { requestApi } from '../api/client'
import type { MenuItem } from './orderForm'

export function useMenuItems(district: string) {
  const byCode = ref<Record<string, MenuItem>>({})
  async function load() {
    const { data } = await requestApi.GET('/api/v1/menu/items', { params: { query: { district, includeRetired: true } } })
    byCode.value = Object.fromEntries((data ?? []).map((item) => [item.code!, item]))
  }
  /** The item's name; its code while the menu is not loaded. */
  function name(menuItemId: string | undefined): string {
    const code = menuItemId?.split('/').pop() ?? ''
    return byCode.value[code]?.name ?? code
  }
  return { byCode, load, name }
}
