import { beforeEach, describe, expect, it, vi } from 'vitest'
import { accessToken, claims } from '../../auth/session'
import { CodeLoginFlow, csrfField, logOutViewer, renewSilently, viewer } from '../codeLogin'
import { answer, calls, jwt, loginPage, serve } from './issuer'

/**
 * A stand-in for the issuer behind the gateway, keeping one browser session as Spring Authorization Server does: the
 * authorization request kept while the person logs in, the session's CSRF token, PKCE checked at the token endpoint.
 */
class FakeIssuer {
  authenticated: string | null = null
  saved: URL | null = null
  csrf = 'csrf-1'
  codes = new Map<string, { mobile: string; challenge: string; redirect: string }>()
  ended: string[] = []
  sent: string[] = []
  sessionExpired = false

  private grant(request: URL): Response {
    const code = 'code-' + (this.codes.size + 1)
    this.codes.set(code, { mobile: this.authenticated!, challenge: request.searchParams.get('code_challenge')!,
      redirect: request.searchParams.get('redirect_uri')! })
    const back = new URL(request.searchParams.get('redirect_uri')!)
    back.searchParams.set('code', code)
    back.searchParams.set('state', request.searchParams.get('state')!)
    return answer('<!doctype html><div id="tv"></div>', { url: back.toString() })
  }

  fetch = serve({
    'GET /oauth2/authorize': ({ url, headers }) => {
      if (this.authenticated) return this.grant(url)
      if (!headers.get('Accept')?.includes('text/html')) return answer('', { status: 401 })
      this.saved = url
      return answer(loginPage(this.csrf), { url: '/login' })
    },
    'POST /login/code/send': ({ body }) => {
      const form = new URLSearchParams(body)
      if (this.sessionExpired || form.get('_csrf') !== this.csrf) return answer('Forbidden', { status: 403 })
      const mobile = form.get('mobile') ?? ''
      if (!/^1[3-9]\d{9}$/.test(mobile)) return answer(loginPage(this.csrf), { status: 400 })
      if (mobile === '13900000000') return answer(loginPage(this.csrf), { status: 429, headers: { 'Retry-After': '42' } })
      this.sent.push(mobile)
      return answer(loginPage(this.csrf), { url: '/login?sent' })
    },
    'POST /login/code': ({ body }) => {
      const form = new URLSearchParams(body)
      if (this.sessionExpired || form.get('_csrf') !== this.csrf) return answer('Forbidden', { status: 403 })
      if (form.get('code') !== '123456' || !this.sent.includes(form.get('mobile')!)) {
        return answer(loginPage(this.csrf), { url: '/login?error' })
      }
      this.authenticated = form.get('mobile')
      return this.grant(this.saved!)
    },
    'POST /oauth2/token': async ({ body }) => {
      const form = new URLSearchParams(body)
      const granted = this.codes.get(form.get('code')!)
      this.codes.delete(form.get('code')!)
      const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(form.get('code_verifier')!))
      const challenge = btoa(String.fromCharCode(...new Uint8Array(digest))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
      if (!granted || granted.challenge !== challenge || granted.redirect !== form.get('redirect_uri')
          || form.get('client_id') !== 'practice-web') {
        return answer({ error: 'invalid_grant' }, { status: 400 })
      }
      return answer({ access_token: jwt({ sub: 'acc-' + granted.mobile, practice_district: 'cq-jiulongpo' }),
        expires_in: 600, id_token: 'id-' + granted.mobile, token_type: 'Bearer' })
    },
    'POST /connect/logout': ({ body }) => {
      const hint = new URLSearchParams(body).get('id_token_hint')
      if (this.authenticated && hint === 'id-' + this.authenticated) {
        this.ended.push(this.authenticated)
        this.authenticated = null
      }
      return answer('', { status: 302 })
    },
  })
}

let issuer: FakeIssuer

beforeEach(() => {
  sessionStorage.clear()
  history.replaceState(null, '', '/app/tv.html')
  issuer = new FakeIssuer()
  globalThis.fetch = vi.fn(issuer.fetch) as typeof fetch
})

const paths = () => calls.map((call) => call.method + ' ' + call.url.pathname)

describe('logging in on the TV with a number and a code', () => {
  it('sends the code and logs the viewer in, the token where the API clients read it', async () => {
    const flow = new CodeLoginFlow()
    expect(await flow.send('13800138000')).toEqual({ kind: 'sent' })
    expect(issuer.sent).toEqual(['13800138000'])
    expect(await flow.confirm('13800138000', '123456')).toEqual({ kind: 'in' })

    expect(paths()).toEqual(['GET /oauth2/authorize', 'POST /login/code/send', 'POST /login/code', 'POST /oauth2/token'])
    expect(claims(accessToken()!)?.sub).toBe('acc-13800138000')
    expect(viewer()).toEqual({ mobile: '13800138000', idToken: 'id-13800138000' })
  })

  it('asks the issuer for its login page as a browser does, and comes back to the TV page', async () => {
    const flow = new CodeLoginFlow()
    await flow.send('13800138000')
    const authorize = calls[0]
    expect(authorize.headers.get('Accept')).toContain('text/html')
    expect(authorize.url.searchParams.get('redirect_uri')).toBe(location.origin + '/app/tv.html')
    expect(authorize.url.searchParams.get('client_id')).toBe('practice-web')
    expect(authorize.url.searchParams.get('code_challenge_method')).toBe('S256')
    expect(authorize.url.searchParams.get('scope')).toContain('requests:write')
  })

  it('answers a wrong code as such, gives no token, and takes the right code next', async () => {
    const flow = new CodeLoginFlow()
    await flow.send('13800138000')
    expect(await flow.confirm('13800138000', '654321')).toEqual({ kind: 'wrong-code' })
    expect(accessToken()).toBeNull()
    expect(await flow.confirm('13800138000', '123456')).toEqual({ kind: 'in' })
    expect(claims(accessToken()!)?.sub).toBe('acc-13800138000')
  })

  it('passes on the issuer\'s limit with its Retry-After, and a number it refuses', async () => {
    const flow = new CodeLoginFlow()
    expect(await flow.send('13900000000')).toEqual({ kind: 'wait', seconds: 42 })
    expect(await flow.send('12345')).toEqual({ kind: 'bad-number' })
  })

  it('starts again once when the issuer\'s session ran out between the page and the send', async () => {
    const flow = new CodeLoginFlow()
    await flow.begin()
    issuer.csrf = 'csrf-2' // a new session: the token the flow holds is refused
    expect(await flow.send('13800138000')).toEqual({ kind: 'sent' })
    expect(paths()).toEqual(['GET /oauth2/authorize', 'POST /login/code/send', 'GET /oauth2/authorize', 'POST /login/code/send'])
  })

  it('ends the last viewer\'s session at the issuer before the next viewer proves their own number', async () => {
    issuer.authenticated = '13911112222' // the issuer still knows the last viewer
    const flow = new CodeLoginFlow()
    expect(await flow.send('13800138000')).toEqual({ kind: 'sent' })
    expect(issuer.ended).toEqual(['13911112222'])
    expect(await flow.confirm('13800138000', '123456')).toEqual({ kind: 'in' })
    expect(claims(accessToken()!)?.sub).toBe('acc-13800138000')
  })

  it('gives up when the issuer keeps answering with a session it will not end', async () => {
    issuer.authenticated = '13911112222'
    const end = issuer.fetch
    globalThis.fetch = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
      String(input).startsWith('/connect/logout') ? Promise.resolve(answer('', { status: 302 })) : end(input, init)) as typeof fetch
    await expect(new CodeLoginFlow().begin()).rejects.toThrow(/last viewer/)
    expect(accessToken()).toBeNull()
  })
})

describe('staying logged in and leaving', () => {
  async function logIn() {
    const flow = new CodeLoginFlow()
    await flow.send('13800138000')
    await flow.confirm('13800138000', '123456')
  }

  it('renews the token through the issuer\'s session without the viewer, keeping their number', async () => {
    await logIn()
    sessionStorage.removeItem('practice-web.token')
    expect(await renewSilently()).toBe(true)
    expect(claims(accessToken()!)?.sub).toBe('acc-13800138000')
    expect(viewer()?.mobile).toBe('13800138000')
  })

  it('does not renew once the issuer\'s session is gone: the viewer logs in again', async () => {
    await logIn()
    issuer.authenticated = null
    sessionStorage.removeItem('practice-web.token')
    expect(await renewSilently()).toBe(false)
    expect(accessToken()).toBeNull()
  })

  it('logging out forgets the token and the number and ends the issuer\'s session', async () => {
    await logIn()
    await logOutViewer()
    expect(accessToken()).toBeNull()
    expect(viewer()).toBeNull()
    expect(issuer.ended).toEqual(['13800138000'])
    expect(await renewSilently()).toBe(false)
  })
})

it('reads the CSRF field of the code form only', () => {
  expect(csrfField(loginPage('abc'))).toEqual({ name: '_csrf', value: 'abc' })
  expect(csrfField('<form action="/login"><input type="hidden" name="_csrf" value="x"></form>')).toBeNull()
})
