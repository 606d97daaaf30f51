/*
 * The services answer errors as problem+json (RFC 9457): a type whose last segment names the problem, a detail
 * sentence, and the field it concerns (`field`, or `errors[]` of fields and messages for several). The pages show
 * them as plain sentences next to the field they name; known problems get a sentence in the page's language.
 */
export interface Problem {
  type?: string
  title?: string
  status?: number
  detail?: string
  field?: string
  errors?: { field: string; message: string }[]
  [extra: string]: unknown
}

export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? 'HTTP ' + problem.status)
  }

  /** The problem's short name: "invalid-field" of https://practice.cloud/problems/invalid-field. */
  get code(): string {
    return (this.problem.type ?? '').split('/').pop() || 'http-' + this.problem.status
  }
}

export type Translate = (key: string, values?: Record<string, unknown>) => string

/** Sentences to show: per field (by the field's path, e.g. "answers.appliance") and one for the form as a whole. */
export interface ShownProblem {
  fields: Record<string, string>
  general: string | null
}

/** The sentence for a problem: the page's own words for problems it knows, else the service's detail. */
export function sentence(problem: Problem, t: Translate, known: (key: string) => boolean): string {
  const code = (problem.type ?? '').split('/').pop() ?? ''
  const key = 'problems.' + code
  if (code && known(key)) return t(key, { detail: problem.detail ?? '' })
  return problem.detail ?? problem.title ?? t('problems.unknown', { status: problem.status ?? 0 })
}

/** Places a problem beside the fields it names; a problem naming no field shown to the form as a whole. */
export function showProblem(error: unknown, t: Translate, known: (key: string) => boolean): ShownProblem {
  if (!(error instanceof ProblemError)) {
    return { fields: {}, general: t('problems.network') }
  }
  const problem = error.problem
  const fields: Record<string, string> = {}
  if (problem.errors?.length) {
    for (const entry of problem.errors) fields[entry.field] = constraintSentence(entry.message, t)
    return { fields, general: null }
  }
  if (problem.field) {
    fields[problem.field] = sentence(problem, t, known)
    return { fields, general: null }
  }
  return { fields, general: sentence(problem, t, known) }
}

/**
 * The services' bean-validation messages ("must not be blank", "size must be between 0 and 200", …) in the page's
 * language; a message of another kind is shown as the service wrote it.
 */
const CONSTRAINTS: { pattern: RegExp; key: string; values: (match: RegExpExecArray) => Record<string, unknown> }[] = [
  { pattern: /^must not be (blank|empty|null)$/, key: 'problems.constraint.required', values: () => ({}) },
  { pattern: /^size must be between (\d+) and (\d+)$/, key: 'problems.constraint.size', values: (m) => ({ min: m[1], max: m[2] }) },
  { pattern: /^must be greater than or equal to (-?[\d.]+)$/, key: 'problems.constraint.min', values: (m) => ({ min: m[1] }) },
  { pattern: /^must be less than or equal to (-?[\d.]+)$/, key: 'problems.constraint.max', values: (m) => ({ max: m[1] }) },
  { pattern: /^must match ".*"$/, key: 'problems.constraint.pattern', values: () => ({}) },
  { pattern: /^must be a (future|future or present) date$/, key: 'problems.constraint.future', values: () => ({}) },
  { pattern: /^must be a (past|past or present) date$/, key: 'problems.constraint.past', values: () => ({}) },
]

export function constraintSentence(message: string, t: Translate): string {
  for (const constraint of CONSTRAINTS) {
    const match = constraint.pattern.exec(message.trim())
    if (match) return t(constraint.key, constraint.values(match))
  }
  return message
}
