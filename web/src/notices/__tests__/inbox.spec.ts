import { describe, expect, it } from 'vitest'
import { destination, mergeNotices } from '../inbox'
import { notice } from './inboxServer'

describe('where a notice leads', () => {
  it('opens a link into the app the person is in as a page of it', () => {
    expect(destination('/app/#/volunteer/offers', 'people')).toEqual({ route: '/volunteer/offers' })
    expect(destination('/app/index.html#/orders/req-1', 'people')).toEqual({ route: '/orders/req-1' })
    expect(destination('/app/console.html#/orders/req-1', 'console')).toEqual({ route: '/orders/req-1' })
    expect(destination('/app/console.html#', 'console')).toEqual({ route: '/' })
  })

  it('goes to the other app by its address', () => {
    expect(destination('/app/console.html#/orders/req-1', 'people')).toEqual({ href: '/app/console.html#/orders/req-1' })
    expect(destination('/app/#/volunteer/offers', 'console')).toEqual({ href: '/app/#/volunteer/offers' })
  })

  it('follows nothing that would leave this origin or is not a path', () => {
    for (const link of ['https://evil.example/app/#/x', '//evil.example/app/', '/\\evil.example', 'javascript:alert(1)', 'app/#/x',
      '/app/#/x\n', '', null, undefined]) {
      expect(destination(link, 'people')).toBeNull()
    }
  })
})

describe('the order of the inbox', () => {
  it('keeps one row per notice, the one that came replacing the one shown, newest first whatever the instant\'s precision', () => {
    const older = notice('ntc-a', { createdAt: '2026-03-07T09:00:00Z' })
    const newer = notice('ntc-b', { createdAt: '2026-03-07T09:00:00.5Z' })
    const read = { ...older, readAt: '2026-03-07T09:05:00Z' }
    const merged = mergeNotices([older], [newer, read])
    expect(merged.map((view) => view.id)).toEqual(['ntc-b', 'ntc-a'])
    expect(merged[1].readAt).toBe('2026-03-07T09:05:00Z')
  })
})
