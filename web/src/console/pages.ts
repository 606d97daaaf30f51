/*
 * The console's pages as its header lists them: where each leads, which addresses belong to it (an order belongs to
 * the queue, a profile to the volunteers) and who may see it (the service menu is the district admin's).
 */
export interface ConsolePage {
  key: 'queue' | 'volunteers' | 'activities' | 'units' | 'pairings' | 'menu' | 'figures'
  to: string
  /** Roles that see the page; every staff role when absent. */
  roles?: string[]
}

export const CONSOLE_PAGES: ConsolePage[] = [
  { key: 'queue', to: '/' },
  { key: 'volunteers', to: '/volunteers' },
  { key: 'activities', to: '/activities' },
  { key: 'units', to: '/units' },
  { key: 'pairings', to: '/pairings' },
  { key: 'menu', to: '/menu', roles: ['DISTRICT_ADMIN'] },
  { key: 'figures', to: '/figures' },
]

/** The pages a role sees, in the header's order. */
export function pagesFor(role: string): ConsolePage[] {
  return CONSOLE_PAGES.filter((page) => !page.roles || page.roles.includes(role))
}

/** Addresses of no header page: the inbox, which the bell beside the header's links opens. */
const OUTSIDE_PAGES = ['/notices']

/**
 * The page an address belongs to: the one whose address starts it, the queue for the rest (the queue's orders); null
 * for the inbox.
 */
export function pageOf(path: string): ConsolePage['key'] | null {
  if (OUTSIDE_PAGES.some((outside) => path === outside || path.startsWith(outside + '/'))) return null
  const owner = CONSOLE_PAGES.find((page) => page.to !== '/' && (path === page.to || path.startsWith(page.to + '/')))
  return owner?.key ?? 'queue'
}
