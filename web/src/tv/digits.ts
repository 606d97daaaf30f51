/*
 * The on-screen digit pad: a phone's layout (1-2-3 on top, 0 at the bottom between "delete" and "done"), three keys to
 * a row, so the arrows move over it like over a phone's keys. What a key does to the number being entered is here,
 * apart from the screen that shows it.
 */
export const PAD_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', 'delete', '0', 'done'] as const
export type PadKey = typeof PAD_KEYS[number]
export const PAD_COLUMNS = 3

/** Mobile numbers of the mainland: 11 digits starting 1[3-9] (as the issuer checks them). */
export const MOBILE_LENGTH = 11
export const CODE_LENGTH = 6

export function isMobile(value: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(value)
}

export function isCode(value: string): boolean {
  return new RegExp('^[0-9]{' + CODE_LENGTH + '}$').test(value)
}

/** The value after a digit or "delete"; a digit past `maxLength` is ignored. ("done" is the screen's to act on.) */
export function press(value: string, key: PadKey | string, maxLength: number): string {
  if (key === 'delete') return value.slice(0, -1)
  if (/^[0-9]$/.test(key)) return value.length < maxLength ? value + key : value
  return value
}

/** A mobile number as people read it: 138 0013 8000. */
export function groupedMobile(value: string): string {
  return [value.slice(0, 3), value.slice(3, 7), value.slice(7)].filter(Boolean).join(' ')
}

/** A number shown on a shared screen: 138****8000. */
export function maskedMobile(value: string): string {
  return value.length === MOBILE_LENGTH ? value.slice(0, 3) + '****' + value.slice(7) : value
}
