/* Roster imports in the console (ADR 0025): what a refusal lists, when following an import ends, how a file is sent. */

/** One bad row of a refused roster, as the service names it (row 0: the file as a whole). */
export interface RowProblem {
  row: number
  field: string
  message: string
}

/** An import in one of these states changes no more. */
export const FINISHED = ['DONE', 'STOPPED']

/** A refusal lists at most this many problems on the page (a whole district's file can have thousands). */
export const LISTED_PROBLEMS = 200

/** JSON by its name or type, CSV otherwise (the national export's .csv, or a spreadsheet saved as CSV UTF-8). */
export function contentTypeOf(file: { name: string; type: string }): string {
  return file.type === 'application/json' || file.name.toLowerCase().endsWith('.json')
    ? 'application/json' : 'text/csv; charset=UTF-8'
}
