import type { RouteRecordRaw } from 'vue-router'

export const volunteerRoutes: RouteRecordRaw[] = [
  { path: '/volunteer', name: 'volunteer', component: () => import('./VolunteerHome.vue') },
]
