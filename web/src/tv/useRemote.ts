/*
 * A screen's remote: the keys of the whole page (one screen is shown at a time) become moves of the focus between the
 * screen's zones (focus.ts), OK, back and digits. The focused item also gets the browser's focus, so the ring is the
 * browser's own :focus-visible style and assistive technology follows along.
 */
import { nextTick, onMounted, onUnmounted, ref, watch } from 'vue'
import { elementId, move, remoteAction, settle, type Focus, type Zone } from './focus'

export interface RemoteHandlers {
  ok?: (focus: Focus) => void
  back?: () => void
  digit?: (digit: string) => void
  /** After every move of the focus (a tab is chosen by moving onto it, say). */
  moved?: (focus: Focus) => void
}

export function useRemote(zones: () => Zone[], handlers: RemoteHandlers, start: Focus | null = null) {
  const focus = ref<Focus | null>(settle(zones(), start))

  function place(next: Focus | null) {
    const before = focus.value
    focus.value = next
    if (next && (before?.zone !== next.zone || before.index !== next.index)) handlers.moved?.(next)
  }

  /** Gives the browser's focus to the focused item once it is on the page. */
  async function show() {
    await nextTick()
    if (!focus.value) return
    const element = document.getElementById(elementId(focus.value))
    if (element && document.activeElement !== element) {
      element.focus()
      element.scrollIntoView?.({ block: 'nearest', inline: 'nearest' })
    }
  }

  function onKey(event: KeyboardEvent) {
    const action = remoteAction(event)
    if (!action) return
    event.preventDefault()
    switch (action.kind) {
      case 'move':
        if (focus.value) place(move(zones(), focus.value, action.direction))
        break
      case 'ok':
        if (focus.value) handlers.ok?.(focus.value)
        break
      case 'back':
        handlers.back?.()
        break
      case 'digit':
        handlers.digit?.(action.digit)
        break
    }
    show()
  }

  // Zones change as data arrives (a list loads, a tab switches): keep the focus on something that exists.
  watch(() => zones().map((zone) => zone.id + ':' + zone.count).join(','), () => {
    place(settle(zones(), focus.value))
    show()
  })

  onMounted(() => {
    window.addEventListener('keydown', onKey)
    show()
  })
  onUnmounted(() => window.removeEventListener('keydown', onKey))

  return {
    focus,
    focusOn(zone: string, index = 0) {
      place(settle(zones(), { zone, index }))
      show()
    },
    isFocused(zone: string, index: number) {
      return focus.value?.zone === zone && focus.value.index === index
    },
    id: (zone: string, index: number) => elementId({ zone, index }),
  }
}
