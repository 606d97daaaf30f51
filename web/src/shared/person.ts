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

/**
 * The city of a city's analyst (role CITY_ANALYST, ADR 0027), who belongs to no district: the people's ends and the
 * console have nothing for them and send them to the dashboard. Null for everyone else.
 */
export function cityAnalystCity(): string | null {
  const token = storedToken()
  const c = token && claims(token.accessToken)
  return c && c.practice_role === 'CITY_ANALYST' && c.practice_city ? c.practice_city : null
}

/** The person, for templates; pages are shown only after login, so it is there. */
export function usePerson() {
  return computed(() => currentPerson() as Person)
}

export function isVolunteer(person: Person | null): boolean {
  return !!person?.volunteerId
}
