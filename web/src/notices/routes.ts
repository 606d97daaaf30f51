/* The inbox in both apps (the same page, told which app it is in for its links), and the people's notice settings. */
import type { RouteRecordRaw } from 'vue-router'

export const noticeRoutes: RouteRecordRaw[] = [
  { path: '/notices', name: 'notices', component: () => import('./InboxPage.vue'), props: { app: 'people' } },
  { path: '/notices/preferences', name: 'notice-preferences', component: () => import('./PreferencesPage.vue'), meta: { bare: true } },
]

export const consoleNoticeRoutes: RouteRecordRaw[] = [
  { path: '/notices', name: 'notices', component: () => import('./InboxPage.vue'), props: { app: 'console' } },
]
