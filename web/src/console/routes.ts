/*
 * The console's pages, in hash history (the one console.html serves them all, and the issuer's redirect address
 * stays /app/console.html). Every page needs a login: without a token the person goes to the issuer and back here.
 */
import { createRouter, createWebHashHistory, type RouteRecordRaw } from 'vue-router'
import { accessToken, logIn } from '../auth/session'
import { consoleNoticeRoutes } from '../notices/routes'

export const consoleRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'queue', component: () => import('./QueuePage.vue') },
  { path: '/orders/:requestId', name: 'order', component: () => import('./OrderPage.vue'), props: true },
  { path: '/volunteers', name: 'volunteers', component: () => import('./VolunteersPage.vue') },
  { path: '/volunteers/:volunteerId', name: 'volunteer', component: () => import('./VolunteerProfilePage.vue'), props: true },
  { path: '/activities', name: 'activities', component: () => import('./ActivitiesPage.vue') },
  { path: '/activities/:activityId', name: 'activity', component: () => import('./ActivityPage.vue'), props: true },
  { path: '/units', name: 'units', component: () => import('./UnitsPage.vue') },
  { path: '/pairings', name: 'pairings', component: () => import('./PairingsPage.vue') },
  { path: '/menu', name: 'menu', component: () => import('./MenuPage.vue') },
  { path: '/figures', name: 'figures', component: () => import('./FiguresPage.vue') },
  ...consoleNoticeRoutes,
  { path: '/:rest(.*)*', redirect: '/' },
]

export function makeConsoleRouter() {
  const router = createRouter({ history: createWebHashHistory(), routes: consoleRoutes })
  router.beforeEach(async (to) => {
    if (accessToken()) return true
    await logIn(to.fullPath)
    return false
  })
  return router
}
