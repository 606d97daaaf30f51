/*
 * One action of the order page (review, dispatch, cancel): sent once at a time; review and cancel with the order's
 * version (If-Match: its ETag) so an action on an order that changed meanwhile is refused instead of applied blindly;
 * the refusal shown as sentences beside the action that was refused.
 */
import { ref } from 'vue'
import { ProblemError } from '../api/problems'
import { useProblems } from '../shared/useProblems'

/** `changed` is told when the order changed meanwhile (412 stale version, 409 not in that state any more). */
export function useAction(changed: () => void = () => undefined) {
  const busy = ref(false)
  const problems = useProblems()

  /** Runs `send`; true when it went through. */
  async function run(send: () => Promise<unknown>): Promise<boolean> {
    if (busy.value) return false
    problems.clear()
    busy.value = true
    try {
      await send()
      return true
    } catch (error) {
      problems.show(error)
      if (error instanceof ProblemError && (error.problem.status === 412 || error.problem.status === 409)) changed()
      return false
    } finally {
      busy.value = false
    }
  }

  return { busy, problems, run }
}

/** The headers that make an action conditional on the version the person is looking at. */
export function ifMatch(etag: string | null | undefined): Record<string, string> {
  return etag ? { 'If-Match': etag } : {}
}
