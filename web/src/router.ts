/*
 * The app's pages, by feature (residents/, volunteers/, checkIn/, certificates/, notices/); hash history, so any page's address is served by
 * the one index.html and the issuer's redirect address stays /app/. Pages need a login unless marked anonymous; a token
 * about to expire is renewed before the page opens (session.ts).
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { residentRoutes } from './residents/routes'
import { volunteerRoutes } from './volunteers/routes'
import { noticeRoutes } from './notices/routes'
import { accessToken, logIn } from './auth/session'
import WelcomePage from './shared/WelcomePage.vue'
import MePage from './shared/MePage.vue'

export const routes: RouteRecordRaw[] = [
  { path: '/welcome', name: 'welcome', component: WelcomePage, meta: { anonymous: true } },
  { path: '/me', name: 'me', component: MePage },
  { path: '/check-in', name: 'check-in', component: () => import('./checkIn/ScanPage.vue') },
  // Anyone handed a certificate checks it here, without an account (the QR code on the PDF leads here).
  { path: '/verify/:code?', name: 'verify', component: () => import('./certificates/VerifyPage.vue'), meta: { anonymous: true } },
  ...residentRoutes,
  ...volunteerRoutes,
  ...noticeRoutes,
  { path: '/:rest(.*)*', redirect: '/' },
]

export function makeRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes })
  router.beforeEach(async (to) => {
    if (to.meta.anonymous) return true
    if (accessToken()) return true
    if (!sessionStorage.getItem('practice-web.token')) return { name: 'welcome', query: { next: to.fullPath } }
    await logIn(to.fullPath)
    return false
  })
  return router
}
