/*
 * A TV is shared: a viewer who walks away must not leave their login to the next person on the sofa. After this long
 * without a key from the remote the page logs the viewer out (and ends the issuer's session), however fresh the token.
 */
export const IDLE_LOGOUT_MS = 10 * 60_000

/** Whether the viewer has been away long enough to be logged out. */
export function idleTooLong(lastKeyAt: number, now: number, limit = IDLE_LOGOUT_MS): boolean {
  return now - lastKeyAt >= limit
}
