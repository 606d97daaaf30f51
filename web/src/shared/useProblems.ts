/* A page's problems, in the page's language: per field and for the page as a whole. */
import { ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { RenewingLogin } from '../api/client'
import { showProblem } from '../api/problems'

export function useProblems() {
  const { t, te } = useI18n()
  const fields = ref<Record<string, string>>({})
  const general = ref<string | null>(null)

  function clear() {
    fields.value = {}
    general.value = null
  }

  /** Shows what went wrong; a renewal of the login is not a problem (the page comes back with the draft). */
  function show(error: unknown) {
    if (error instanceof RenewingLogin) return
    const shown = showProblem(error, (key, values) => t(key, values ?? {}), (key) => te(key))
    fields.value = shown.fields
    general.value = shown.general
  }

  return { fields, general, clear, show }
}
