/*
 * What the deployment configured for the pages, read once from the gateway's /app/settings.json: today the district's
 * map tile server (practice.people-ends.map.*), which the gateway's Content-Security-Policy also allows. Without it (or
 * when the settings cannot be read) maps show positions on a plain background: nothing is fetched from elsewhere.
 */

export interface MapTiles { tiles: string; attribution: string; subdomains: string[]; maxZoom: number }
export interface PageSettings { map: MapTiles | null }

let settings: Promise<PageSettings> | null = null

function mapOf(value: unknown): MapTiles | null {
  const map = value as Partial<MapTiles> | null | undefined
  return map && typeof map.tiles === 'string' && typeof map.attribution === 'string'
    ? { tiles: map.tiles, attribution: map.attribution, subdomains: Array.isArray(map.subdomains) ? map.subdomains : [],
        maxZoom: typeof map.maxZoom === 'number' ? map.maxZoom : 18 }
    : null
}

export function pageSettings(): Promise<PageSettings> {
  settings ??= globalThis.fetch('/app/settings.json', { headers: { Accept: 'application/json' } })
    .then((answer) => (answer.ok ? answer.json() : {}))
    .then((body: { map?: unknown }) => ({ map: mapOf(body?.map) }))
    .catch(() => ({ map: null }))
  return settings
}

/** For tests: forget what was read. */
export function forgetPageSettings() {
  settings = null
}
