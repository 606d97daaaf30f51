/*
 * The console's keyboard shortcuts, one list for the pages that handle them and the help dialog that lists them.
 * A key typed into a text field is the field's, never a shortcut.
 */
export const SHORTCUTS = [
  { keys: ['j', '↓'], action: 'next' },
  { keys: ['k', '↑'], action: 'previous' },
  { keys: ['Enter'], action: 'open' },
  { keys: ['r'], action: 'review' },
  { keys: ['d'], action: 'dispatch' },
  { keys: ['/'], action: 'search' },
  { keys: ['?'], action: 'help' },
] as const

export function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null
  if (!target || !target.tagName) return false
  return ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.isContentEditable
}
