import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { volunteerRoutes } from '../routes'
import { logInAs } from './harness'

function router() {
  return createRouter({ history: createMemoryHistory(), routes: volunteerRoutes })
}

describe('volunteer routes', () => {
  it.each(['/volunteer/offers', '/volunteer/assignments', '/volunteer/hours', '/volunteer/activities', '/volunteer/certificates'])(
    'send a person whose token names no volunteer from %s to the volunteer tab', async (path) => {
      logInAs({ role: 'RESIDENT' })
      const pages = router()
      await pages.push(path)
      expect(pages.currentRoute.value.path).toBe('/volunteer')
    })

  it('open the volunteer\'s pages to a volunteer', async () => {
    logInAs({ role: 'VOLUNTEER', volunteerId: 'vol-1' })
    const pages = router()
    await pages.push('/volunteer/hours')
    expect(pages.currentRoute.value.path).toBe('/volunteer/hours')
  })

  it('let a resident reach the application form', async () => {
    logInAs({ role: 'RESIDENT' })
    const pages = router()
    await pages.push('/volunteer/register')
    expect(pages.currentRoute.value.path).toBe('/volunteer/register')
  })
})
