/* Mounting a volunteer page as the app does: a person's token, the app's i18n, a router with the volunteer pages. */
import { flushPromises, mount } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import type { Component } from 'vue'
import { makeI18n } from '../../i18n'
import { storeToken } from '../../auth/session'
import { volunteerRoutes } from '../routes'

export const DISTRICT = 'cq-jiulongpo'

function base64url(text: string): string {
  return btoa(unescape(encodeURIComponent(text))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/** Logs in as a person: their token kept as session.ts keeps it. */
export function logInAs(claims: { sub?: string; role?: string; volunteerId?: string | null }): void {
  const payload = { sub: claims.sub ?? 'acc-1', practice_district: DISTRICT, practice_role: claims.role ?? 'RESIDENT',
    ...(claims.volunteerId ? { practice_volunteer: claims.volunteerId } : {}) }
  const token = [base64url('{"alg":"none"}'), base64url(JSON.stringify(payload)), 'signature'].join('.')
  sessionStorage.clear()
  storeToken(token, 3600)
}

export async function mountPage(page: Component, path = '/volunteer', language: 'zh-CN' | 'en' = 'zh-CN') {
  const router = createRouter({ history: createMemoryHistory(), routes: [
    ...volunteerRoutes, { path: '/:rest(.*)*', component: { template: '<p>elsewhere</p>' } },
  ] })
  await router.push(path)
  await router.isReady()
  const wrapper = mount(page, { global: { plugins: [router, makeI18n(language)] }, attachTo: document.body })
  await settle()
  return { wrapper, router }
}

/** Lets every pending call and re-render finish. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await flushPromises()
}
