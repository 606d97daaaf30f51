/*
 * The volunteers' pages. Offers, assignments, hours and activities need the token's volunteer id (practice_volunteer,
 * there once the station approved and the person logged in again); without it the volunteer tab explains and offers
 * to apply.
 */
import type { RouteRecordRaw } from 'vue-router'
import { currentPerson } from '../shared/person'

/** Pages that act as a volunteer: without a volunteer id in the token, the volunteer tab instead. */
export function volunteerOnly() {
  return currentPerson()?.volunteerId ? true : { name: 'volunteer' }
}

export const volunteerRoutes: RouteRecordRaw[] = [
  { path: '/volunteer', name: 'volunteer', component: () => import('./VolunteerHome.vue') },
  { path: '/volunteer/register', name: 'volunteer-register', component: () => import('./RegisterPage.vue') },
  { path: '/volunteer/offers', name: 'volunteer-offers', component: () => import('./OffersPage.vue'), beforeEnter: volunteerOnly },
  { path: '/volunteer/assignments', name: 'volunteer-assignments', component: () => import('./AssignmentsPage.vue'), beforeEnter: volunteerOnly },
  { path: '/volunteer/hours', name: 'volunteer-hours', component: () => import('./HoursPage.vue'), beforeEnter: volunteerOnly },
  { path: '/volunteer/certificates', name: 'volunteer-certificates', component: () => import('../certificates/CertificatesPage.vue'), beforeEnter: volunteerOnly },
  { path: '/volunteer/activities', name: 'volunteer-activities', component: () => import('./ActivitiesPage.vue'), beforeEnter: volunteerOnly },
]
