import type { RouteRecordRaw } from 'vue-router'

export const residentRoutes: RouteRecordRaw[] = [
  { path: '/', name: 'menu', component: () => import('./MenuPage.vue') },
  { path: '/sign-up', name: 'sign-up', component: () => import('./SignUpPage.vue'), meta: { anonymous: true } },
  { path: '/order/:code', name: 'order', component: () => import('./OrderPage.vue'), props: true, meta: { bare: true } },
  { path: '/orders', name: 'orders', component: () => import('./OrdersPage.vue') },
  { path: '/orders/:requestId', name: 'order-detail', component: () => import('./OrderDetailPage.vue'), props: true, meta: { bare: true } },
  { path: '/activities', name: 'activities', component: () => import('./ActivitiesPage.vue') },
]
