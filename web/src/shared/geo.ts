/* Positions on the earth, as the APIs give them (WGS-84 latitude and longitude in degrees). */

export interface Point { latitude: number; longitude: number }

/** A point when both coordinates are there (the APIs' optional fields), else null. */
export function pointOf(location: { latitude?: number; longitude?: number } | null | undefined): Point | null {
  return location && typeof location.latitude === 'number' && typeof location.longitude === 'number'
    ? { latitude: location.latitude, longitude: location.longitude } : null
}

/** Great-circle distance in kilometres. */
export function distanceKm(a: Point, b: Point): number {
  const rad = Math.PI / 180
  const dLat = (b.latitude - a.latitude) * rad
  const dLon = (b.longitude - a.longitude) * rad
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2
  return 2 * 6371 * Math.asin(Math.sqrt(h))
}

/** A distance as people read it: metres under a kilometre (to 10 m), else kilometres to one decimal. */
export function distanceText(km: number): { value: number; unit: 'm' | 'km' } {
  return km < 1 ? { value: Math.round(km * 100) * 10, unit: 'm' } : { value: Math.round(km * 10) / 10, unit: 'km' }
}
