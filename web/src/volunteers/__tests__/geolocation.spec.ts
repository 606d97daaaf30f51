import { describe, expect, it, vi } from 'vitest'
import { currentPosition } from '../geolocation'

function geolocation(outcome: 'found' | 'refused'): Geolocation {
  return {
    getCurrentPosition: vi.fn((found: PositionCallback, failed?: PositionErrorCallback | null) => {
      if (outcome === 'found') found({ coords: { latitude: 29.507, longitude: 106.511 } } as GeolocationPosition)
      else failed?.({ code: 1, message: 'denied' } as GeolocationPositionError)
    }),
    watchPosition: vi.fn(), clearWatch: vi.fn(),
  } as unknown as Geolocation
}

describe('currentPosition', () => {
  it('answers the position the phone found', async () => {
    expect(await currentPosition(geolocation('found'))).toEqual({ latitude: 29.507, longitude: 106.511 })
  })

  it('answers none when the person refuses', async () => {
    expect(await currentPosition(geolocation('refused'))).toBeNull()
  })

  it('answers none where the browser has no geolocation', async () => {
    expect(await currentPosition(null)).toBeNull()
  })
})
