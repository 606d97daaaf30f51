/*
 * The console's pages and the API's refusals: a refusal said in the page's own words where it has them, the problems
 * of fields a form does not show, a refusal's status, and the short wait before reading back what a command changed.
 */
import { useI18n } from 'vue-i18n'
import { ProblemError } from '../api/problems'

/**
 * The API's refusal in a page's words where the page has them (`<prefix>.<type>`, and for an invalid field
 * `<prefix>.fields.<field>`); `special` may say a refusal first (with facts from its detail). The status and the field
 * stay, so the sentence lands beside its field and a 409 or 412 still reloads; a refusal the page has no words for, or
 * one listing several fields, is passed on as it is.
 */
export function useRewording(prefix: string, special: (error: ProblemError) => string | null = () => null) {
  const { t, te } = useI18n()
  function sentence(error: ProblemError): string | null {
    const field = typeof error.problem.field === 'string' ? error.problem.field : null
    const key = error.code === 'invalid-field' && field ? `${prefix}.fields.${field}` : `${prefix}.${error.code}`
    return special(error) ?? (te(key) ? t(key) : null)
  }
  function reword(error: unknown): unknown {
    if (!(error instanceof ProblemError) || error.problem.errors?.length) return error
    const said = sentence(error)
    return said ? new ProblemError({ ...error.problem, type: undefined, detail: said }) : error
  }
  /** Runs a call of the API, its refusal reworded. */
  async function said<T>(call: Promise<T>): Promise<T> {
    try {
      return await call
    } catch (error) {
      throw reword(error)
    }
  }
  return { reword, said }
}

/** The problems of fields a form does not show, so that none goes unseen: the first of them, or the form's own. */
export function otherProblem(general: string | null, fields: Record<string, string>, shown: string[]): string | null {
  return general ?? Object.entries(fields).find(([field]) => !shown.includes(field))?.[1] ?? null
}

export function statusOf(error: unknown): number | null {
  return error instanceof ProblemError ? error.problem.status ?? null : null
}

/** Waits a little before reading back: the read models follow a command within moments. */
export const pause = (ms = 300) => new Promise((resolve) => setTimeout(resolve, ms))
