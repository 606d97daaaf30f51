/*
 * Service certificates (volunteer-service's certificate feature): a volunteer (or staff who manage them) issues one
 * for a period, downloads its PDF with their own token, and anyone checks it by its code on the public verification
 * page — the one call of the people's ends that carries no token (the gateway lets only that GET through).
 */
import { volunteerApi, type VolunteerSchemas } from '../api/client'

export type CertificateView = VolunteerSchemas['schemas']['CertificateView']
export type Verification = VolunteerSchemas['schemas']['Verification']

export interface Owner { volunteerId: string; district: string }

export async function listCertificates(owner: Owner): Promise<CertificateView[]> {
  const { data } = await volunteerApi.GET('/api/v1/volunteers/{volunteerId}/certificates', {
    params: { path: { volunteerId: owner.volunteerId }, query: { district: owner.district } } })
  return data ?? []
}

/** The service platforms a certificate may be limited to (the services' codes; the words are the app's `platforms.`). */
export const PLATFORMS = ['THEORY_LECTURES', 'EDUCATION', 'CULTURE', 'SCIENCE', 'HEALTH_SPORTS', 'LEGAL', 'CARE',
  'CIVILIZATION', 'ALL_MEDIA'] as const

export interface Scope { from?: string; to?: string; platform?: string }

/**
 * Dates as yyyy-mm-dd, inclusive, in the district's time zone; none for all time. A platform limits it to the services
 * of that platform (honour hours belong to none, so they are left out then).
 */
export async function issueCertificate(owner: Owner, scope: Scope): Promise<CertificateView> {
  const { data } = await volunteerApi.POST('/api/v1/volunteers/{volunteerId}/certificates', {
    params: { path: { volunteerId: owner.volunteerId }, query: { district: owner.district } },
    body: { ...(scope.from ? { from: scope.from } : {}), ...(scope.to ? { to: scope.to } : {}),
      ...(scope.platform ? { platform: scope.platform as never } : {}) },
    headers: { 'Idempotency-Key': crypto.randomUUID() } })
  return data as CertificateView
}

export async function revokeCertificate(owner: Owner, certificateId: string, reason: string): Promise<void> {
  await volunteerApi.POST('/api/v1/volunteers/{volunteerId}/certificates/{certificateId}/revoke', {
    params: { path: { volunteerId: owner.volunteerId, certificateId }, query: { district: owner.district } },
    body: { reason } })
}

/** Saves the PDF as the browser saves any download (a link to an object URL, released afterwards). */
export async function downloadPdf(owner: Owner, certificateId: string): Promise<void> {
  const { data } = await volunteerApi.GET('/api/v1/volunteers/{volunteerId}/certificates/{certificateId}/pdf', {
    params: { path: { volunteerId: owner.volunteerId, certificateId }, query: { district: owner.district } }, parseAs: 'blob' })
  const url = URL.createObjectURL(data as Blob)
  try {
    const link = document.createElement('a')
    link.href = url
    link.download = 'certificate-' + certificateId + '.pdf'
    document.body.append(link)
    link.click()
    link.remove()
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 60_000)
  }
}

/** The code as printed (groups of four) or typed (any case, spaces): the service's form. */
export function normalCode(typed: string): string {
  const plain = typed.toUpperCase().replace(/[^0-9A-Z]/g, '')
  return plain.match(/.{1,4}/g)?.join('-') ?? ''
}

export async function verify(code: string): Promise<Verification> {
  const { data } = await volunteerApi.GET('/api/v1/certificates/verify/{code}', { params: { path: { code } } })
  return data as Verification
}

/** The page a certificate's QR code leads to, on this origin. */
export function verifyPage(code: string): string {
  return globalThis.location.origin + '/app/#/verify/' + encodeURIComponent(code)
}
