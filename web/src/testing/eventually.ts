import { vi } from 'vitest'

/**
 * Waits until the assertion holds. vi.waitFor's own default is one second, too short for a route whose page is
 * imported lazily: on a cold run beside other modules' builds the first transform of a page can take longer.
 * The assertion still fails the test when it never holds.
 */
export function eventually<T>(assertion: () => T | Promise<T>): Promise<T> {
  return vi.waitFor(assertion, { timeout: 20_000, interval: 20 })
}
