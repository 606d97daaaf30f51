/*
 * The typed API clients, one per service, generated from the services' OpenAPI documents (scripts/generate-api.mjs).
 * Every call goes through the gateway on this page's origin with the person's own token; a 401 sends the person to
 * log in again (their drafts are kept) instead of showing a broken page.
 */
import createClient, { type Middleware } from 'openapi-fetch'
import type { paths as RequestPaths } from './generated/request'
import type { paths as VolunteerPaths } from './generated/volunteer'
import type { paths as HierarchyPaths } from './generated/hierarchy'
import type { paths as PeoplePaths } from './generated/auth-server'
import type { paths as ReportingPaths } from './generated/reporting'
import type { paths as NotificationPaths } from './generated/notification'
import { accessToken, forgetToken } from '../auth/session'
import { ProblemError, type Problem } from './problems'

export type { components as RequestSchemas } from './generated/request'
export type { components as VolunteerSchemas } from './generated/volunteer'
export type { components as HierarchySchemas } from './generated/hierarchy'
export type { components as PeopleSchemas } from './generated/auth-server'
export type { components as ReportingSchemas } from './generated/reporting'
export type { components as NoticeSchemas } from './generated/notification'

/** Called when the token is missing, expired or refused; the app sends the person to the issuer. */
let renew: () => void = () => undefined
export function onRenewNeeded(handler: () => void): void {
  renew = handler
}

/** For calls made outside these clients (the live streams, shared/eventStream.ts): renews the login as a refused call does. */
export function renewLogin(): never {
  forgetToken()
  renew()
  throw new RenewingLogin()
}

export class RenewingLogin extends Error {
  constructor() { super('renewing the login') }
}

let language = 'zh-CN'
export function setLanguage(value: string): void {
  language = value
}
export function currentLanguage(): string {
  return language
}

const person: Middleware = {
  onRequest({ request, schemaPath }) {
    request.headers.set('Accept-Language', language)
    if (anonymous.has(schemaPath)) return request
    const token = accessToken()
    if (!token) {
      renew()
      throw new RenewingLogin()
    }
    request.headers.set('Authorization', 'Bearer ' + token)
    return request
  },
  async onResponse({ response }) {
    if (response.status === 401) {
      forgetToken()
      renew()
      throw new RenewingLogin()
    }
    if (!response.ok) {
      const type = response.headers.get('Content-Type') ?? ''
      const problem: Problem = type.includes('json')
        ? await response.clone().json() as Problem
        : { status: response.status, title: response.statusText }
      throw new ProblemError(problem)
    }
    return response
  },
}

/**
 * Operations called without an account: the sign-up's code and the sign-up itself, and checking a service certificate
 * by its code (anyone handed one).
 */
const anonymous = new Set(['/api/v1/people/codes', '/api/v1/people/residents', '/api/v1/certificates/verify/{code}'])

function client<Paths extends {}>() {
  // fetch looked up at each call (not bound once), so tests and wrappers installed later are honoured.
  const made = createClient<Paths>({ baseUrl: globalThis.location?.origin ?? 'http://localhost', fetch: (request) => globalThis.fetch(request) })
  made.use(person)
  return made
}

export const requestApi = client<RequestPaths>()
export const volunteerApi = client<VolunteerPaths>()
export const hierarchyApi = client<HierarchyPaths>()
export const peopleApi = client<PeoplePaths>()
export const reportingApi = client<ReportingPaths>()
export const noticeApi = client<NotificationPaths>()
