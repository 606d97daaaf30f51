/*
 * Which station this box belongs to: set once by opening tv.html?station=<unitId> (the installer does it), then kept in
 * localStorage, so the box opens on its station's page after every restart. A later address with another station
 * replaces it.
 */
export const STATION_KEY = 'practice-tv.station'
/** The platform's id shape (ApiFormats.ID); anything else never reaches an API call. */
const ID = /^[A-Za-z0-9][A-Za-z0-9._:@-]{0,63}$/

export function stationOf(search: string, storage: Storage = localStorage): string | null {
  const given = new URLSearchParams(search).get('station')?.trim()
  if (given && ID.test(given)) {
    storage.setItem(STATION_KEY, given)
    return given
  }
  const kept = storage.getItem(STATION_KEY)
  return kept && ID.test(kept) ? kept : null
}
