import { afterEach, describe, expect, it, vi } from 'vitest'
import { eventually } from '../../testing/eventually'
import { accessToken, CONSOLE_CLIENT, logIn, PEOPLE_CLIENT, storeToken, useLoginClient } from '../session'

/** Where logIn sent the person: the issuer's authorize address it assigned. */
function authorizeQuery(assign: ReturnType<typeof vi.fn>): URLSearchParams {
  return new URL(assign.mock.calls[0][0] as string, 'http://localhost').searchParams
}

describe('the login client', () => {
  afterEach(() => {
    useLoginClient(PEOPLE_CLIENT)
    vi.unstubAllGlobals()
    sessionStorage.clear()
  })

  it('asks the issuer for the people\'s scopes as practice-web by default', async () => {
    const assign = vi.fn()
    vi.stubGlobal('location', { origin: 'http://localhost', pathname: '/app/', assign })
    void logIn('/')
    await eventually(() => expect(assign).toHaveBeenCalled())
    const query = authorizeQuery(assign)
    expect(query.get('client_id')).toBe('practice-web')
    expect(query.get('scope')!.split(' ')).not.toContain('hierarchy:admin')
    expect(query.get('scope')!.split(' ')).not.toContain('reports:read')
    expect(query.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['notices:read', 'notices:write']))
  })

  it('logs the console in as practice-staff with the staff scopes, keeping its token apart', async () => {
    useLoginClient(CONSOLE_CLIENT)
    const assign = vi.fn()
    vi.stubGlobal('location', { origin: 'http://localhost', pathname: '/app/console.html', assign })
    void logIn('/units')
    await eventually(() => expect(assign).toHaveBeenCalled())
    const query = authorizeQuery(assign)
    expect(query.get('client_id')).toBe('practice-staff')
    expect(query.get('redirect_uri')).toBe('http://localhost/app/console.html')
    expect(query.get('scope')!.split(' ')).toEqual(expect.arrayContaining(['hierarchy:admin', 'reports:read', 'requests:write', 'notices:read', 'notices:write']))
    storeToken('console-token', 600)
    expect(sessionStorage.getItem('practice-staff.token')).toContain('console-token')
    expect(sessionStorage.getItem('practice-web.token')).toBeNull()
    expect(accessToken()).toBe('console-token')
  })
})
