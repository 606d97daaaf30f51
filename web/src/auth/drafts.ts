/*
 * What a person has typed survives a renewal of their token (a round trip through the issuer) and a reload: each form
 * keeps its state in sessionStorage under its own key while it is being filled, and drops it once it is sent.
 */
import { watch, type Ref } from 'vue'

const PREFIX = 'practice-web.draft.'

export function loadDraft<T>(key: string): T | null {
  const text = sessionStorage.getItem(PREFIX + key)
  return text ? JSON.parse(text) as T : null
}

export function saveDraft<T>(key: string, value: T): void {
  sessionStorage.setItem(PREFIX + key, JSON.stringify(value))
}

export function dropDraft(key: string): void {
  sessionStorage.removeItem(PREFIX + key)
}

/** Restores `state` from its draft (when there is one) and keeps the draft up to date as the person types. */
export function keepDraft<T extends object>(key: string, state: Ref<T>): void {
  const saved = loadDraft<T>(key)
  if (saved) state.value = { ...state.value, ...saved }
  watch(state, (value) => saveDraft(key, value), { deep: true })
}
