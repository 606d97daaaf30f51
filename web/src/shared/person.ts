/* The person using the page, as their token says: district, role, account id and (for volunteers) registry id. */
import { computed } from 'vue'
import { claims, storedToken } from '../auth/session'

export interface Person {
  accountId: string
  district: string
  role: string
  volunteerId: string | null
  unitId: string | null
}

export function currentPerson(): Person | null {
  const token = storedToken()
  const c = token && claims(token.accessToken)
  if (!c || !c.practice_district) return null
  return {
    accountId: c.sub, district: c.practice_district, role: c.practice_role ?? 'RESIDENT',
    volunteerId: c.practice_volunteer ?? null, unitId: c.practice_unit ?? null,
  }
}

/** The person, for templates; pages are shown only after login, so it is there. */
export function usePerson() {
  return computed(() => currentPerson() as Person)
}

export function isVolunteer(person: Person | null): boolean {
  return !!person?.volunteerId
}
