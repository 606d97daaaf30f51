/*
 * Activity check-in codes as the phone reads them. The console shows the code of the moment as a QR
 * (request-service: PCI1.<activityId>.<window>.<signature>, changing every 30 s); the phone only needs the activity
 * it names — whether the code is genuine and current is the service's to say.
 */
export interface CheckInCode { text: string; activityId: string }

const CODE = /^PCI1\.([A-Za-z0-9_-]{1,100})\.(\d{1,12})\.([A-Za-z0-9_-]{10,64})$/

/** The code a QR carried, or null when it is not an activity check-in code (another QR, a web address…). */
export function parseCode(text: string | null | undefined): CheckInCode | null {
  const trimmed = text?.trim() ?? ''
  const match = CODE.exec(trimmed)
  return match ? { text: trimmed, activityId: match[1] } : null
}
