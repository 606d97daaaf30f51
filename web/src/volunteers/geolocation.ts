/*
 * The phone's position, asked only when the volunteer presses the button (their consent); no position — no browser
 * support, refused, or too slow — is simply none, and the check-in goes ahead without it.
 */
export interface Position { latitude: number; longitude: number }

export function currentPosition(geolocation: Geolocation | null | undefined = globalThis.navigator?.geolocation,
  timeoutMs = 10_000): Promise<Position | null> {
  if (!geolocation) return Promise.resolve(null)
  return new Promise((resolve) => {
    geolocation.getCurrentPosition(
      (position) => resolve({ latitude: position.coords.latitude, longitude: position.coords.longitude }),
      () => resolve(null),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    )
  })
}
