/*
 * Photos as evidence of a service (request-service's evidence feature): listed with the person's own token, their
 * bytes fetched the same way (an <img src> cannot carry a token) and shown from object URLs the page releases when
 * it closes. A request's photos are taken at check-out or completion; an activity's at its close.
 */
import { requestApi, type RequestSchemas } from '../api/client'

export type EvidenceView = RequestSchemas['schemas']['EvidenceView']
export type RequestStage = 'CHECK_OUT' | 'COMPLETION'

export type EvidenceTarget =
  | { kind: 'request'; id: string; district: string; stage: RequestStage }
  | { kind: 'activity'; id: string; district: string }

export async function listEvidence(target: EvidenceTarget): Promise<EvidenceView[]> {
  if (target.kind === 'request') {
    const { data } = await requestApi.GET('/api/v1/requests/{requestId}/evidence', {
      params: { path: { requestId: target.id }, query: { district: target.district } } })
    return data ?? []
  }
  const { data } = await requestApi.GET('/api/v1/activities/{activityId}/evidence', {
    params: { path: { activityId: target.id }, query: { district: target.district } } })
  return data ?? []
}

/** One photo per call, as the service takes them; the caption is optional. */
export async function uploadEvidence(target: EvidenceTarget, photo: Blob, name: string, caption = ''): Promise<EvidenceView> {
  const form = new FormData()
  form.append('file', photo, name)
  if (caption.trim()) form.append('caption', caption.trim())
  // Multipart: the serializer hands openapi-fetch the FormData as it is (the browser sets the boundary).
  const body = {} as never
  const bodySerializer = () => form
  if (target.kind === 'request') {
    const { data } = await requestApi.POST('/api/v1/requests/{requestId}/evidence', {
      params: { path: { requestId: target.id }, query: { district: target.district, stage: target.stage } }, body, bodySerializer })
    return data as EvidenceView
  }
  const { data } = await requestApi.POST('/api/v1/activities/{activityId}/evidence', {
    params: { path: { activityId: target.id }, query: { district: target.district } }, body, bodySerializer })
  return data as EvidenceView
}

/** An object URL of the photo or its thumbnail; the caller releases it (URL.revokeObjectURL). */
export async function photoUrl(target: EvidenceTarget, evidenceId: string, size: 'full' | 'thumbnail'): Promise<string> {
  const { data } = target.kind === 'request'
    ? await requestApi.GET('/api/v1/requests/{requestId}/evidence/{evidenceId}/content', {
      params: { path: { requestId: target.id, evidenceId }, query: { district: target.district, size } }, parseAs: 'blob' })
    : await requestApi.GET('/api/v1/activities/{activityId}/evidence/{evidenceId}/content', {
      params: { path: { activityId: target.id, evidenceId }, query: { district: target.district, size } }, parseAs: 'blob' })
  return URL.createObjectURL(data as Blob)
}
