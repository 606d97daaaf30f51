/*
 * The matching preview for an order (volunteer-service, POST /api/v1/matching/previews; it changes nothing): the
 * ranked candidates and each one's explainable score. A score is the sum of its components, each already weighted
 * by the service's settings (distance, skill, load fairness, rating, team), so each is shown with its value and its
 * share of the whole.
 */
import type { VolunteerSchemas } from '../api/client'
import type { MenuItem } from '../residents/orderForm'
import type { RequestView } from './live'

export type Candidate = VolunteerSchemas['schemas']['Candidate']
export type CandidatesView = VolunteerSchemas['schemas']['CandidatesView']
export type Preview = VolunteerSchemas['schemas']['Preview']

export const COMPONENTS = [
  { key: 'distance', field: 'distanceScore' },
  { key: 'skill', field: 'skillScore' },
  { key: 'fairness', field: 'fairnessScore' },
  { key: 'rating', field: 'ratingScore' },
  { key: 'team', field: 'teamScore' },
] as const

export interface ScorePart { key: string; value: number; share: number }

/** The candidate's score by component: its value, and its share of the score (0 to 1). */
export function explain(candidate: Candidate): ScorePart[] {
  const total = candidate.score ?? COMPONENTS.reduce((sum, part) => sum + (candidate[part.field] ?? 0), 0)
  return COMPONENTS.map((part) => {
    const value = candidate[part.field] ?? 0
    return { key: part.key, value, share: total > 0 ? value / total : 0 }
  })
}

/** A candidate's distance from the order in km; null when the service could not measure it (it sends -1). */
export function knownDistance(candidate: Candidate): number | null {
  return candidate.distanceKm !== undefined && candidate.distanceKm >= 0 ? candidate.distanceKm : null
}

export type WideningStep = { kind: 'radius'; km: string } | { kind: 'parent'; unitId: string } | { kind: 'other'; text: string }

/** One way the service widened the search ("radius 10.0 km", "parent unit i-3"), for the page to put in words. */
export function wideningStep(step: string): WideningStep {
  const radius = /^radius ([\d.]+) km$/.exec(step)
  if (radius) return { kind: 'radius', km: radius[1] }
  const parent = /^parent unit (\S+)$/.exec(step)
  if (parent) return { kind: 'parent', unitId: parent[1] }
  return { kind: 'other', text: step }
}

/**
 * What the preview is asked about this order: its platform, item (and its skill level and people needed, from the
 * menu when known), place, responsible unit and preferred window — what request-service's own matching request carries.
 */
export function previewOf(view: RequestView, item?: Pick<MenuItem, 'minimumSkillLevel' | 'peopleNeeded'>, limit = 20): Preview {
  return {
    platform: view.platform!, responsibleUnitId: view.unitId!, limit,
    // The item as the order carries it (<district>/<code>): the key the matching saga chooses its reach by.
    ...(view.menuItemId ? { menuItemId: view.menuItemId } : {}),
    ...(item?.minimumSkillLevel ? { minimumSkillLevel: item.minimumSkillLevel } : {}),
    ...(item?.peopleNeeded ? { peopleNeeded: item.peopleNeeded } : {}),
    ...(view.location?.latitude !== undefined && view.location?.longitude !== undefined
      ? { location: { latitude: view.location.latitude, longitude: view.location.longitude } } : {}),
    ...(view.preferredFrom ? { windowFrom: view.preferredFrom } : {}),
    ...(view.preferredTo ? { windowTo: view.preferredTo } : {}),
  }
}
