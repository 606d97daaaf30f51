/*
 * Where the focus goes on each key of a remote. A screen is a set of zones; each zone is a grid of `count` items laid
 * out row by row, `columns` to a row (a list has one column, a row of buttons as many as it has buttons). An arrow
 * moves inside the zone; at its edge it goes to the zone named on that side, if any (empty zones are passed over in
 * the same direction), entering at the zone's `entry` item when it has one (the chosen platform, say), else at the
 * nearest row or column. Nothing wraps around: a remote user who holds a key down must stop at the edge.
 */
export type Direction = 'up' | 'down' | 'left' | 'right'

export interface Zone {
  id: string
  count: number
  columns: number
  up?: string
  down?: string
  left?: string
  right?: string
  /** The item focused when the zone is entered from another one (e.g. the selected tab). */
  entry?: number
}

export interface Focus {
  zone: string
  index: number
}

/** What a key of the remote (or a keyboard standing in for it) means on the TV page. */
export type RemoteAction =
  | { kind: 'move'; direction: Direction }
  | { kind: 'ok' }
  | { kind: 'back' }
  | { kind: 'digit'; digit: string }

/** Key codes of remotes whose browsers send no `key` names (LG webOS back 461, Samsung Tizen return 10009). */
const CODES: Record<number, RemoteAction> = {
  37: { kind: 'move', direction: 'left' }, 38: { kind: 'move', direction: 'up' },
  39: { kind: 'move', direction: 'right' }, 40: { kind: 'move', direction: 'down' },
  13: { kind: 'ok' }, 8: { kind: 'back' }, 27: { kind: 'back' }, 461: { kind: 'back' }, 10009: { kind: 'back' },
}

const KEYS: Record<string, RemoteAction> = {
  ArrowLeft: { kind: 'move', direction: 'left' }, ArrowUp: { kind: 'move', direction: 'up' },
  ArrowRight: { kind: 'move', direction: 'right' }, ArrowDown: { kind: 'move', direction: 'down' },
  Left: { kind: 'move', direction: 'left' }, Up: { kind: 'move', direction: 'up' },
  Right: { kind: 'move', direction: 'right' }, Down: { kind: 'move', direction: 'down' },
  Enter: { kind: 'ok' }, Backspace: { kind: 'back' }, Escape: { kind: 'back' }, GoBack: { kind: 'back' },
  BrowserBack: { kind: 'back' },
}

export function remoteAction(event: { key?: string; keyCode?: number }): RemoteAction | null {
  const key = event.key ?? ''
  if (/^[0-9]$/.test(key)) return { kind: 'digit', digit: key }
  if (KEYS[key]) return KEYS[key]
  const code = event.keyCode ?? 0
  if (code >= 48 && code <= 57) return { kind: 'digit', digit: String(code - 48) }
  return CODES[code] ?? null
}

function zoneById(zones: Zone[], id: string | undefined): Zone | undefined {
  return id === undefined ? undefined : zones.find((zone) => zone.id === id)
}

function rowsOf(zone: Zone): number {
  return Math.ceil(zone.count / zone.columns)
}

/** The item at (row, column), pulled back into the zone (a short last row takes its last item). */
function at(zone: Zone, row: number, column: number): number {
  const r = Math.max(0, Math.min(row, rowsOf(zone) - 1))
  const c = Math.max(0, Math.min(column, zone.columns - 1))
  return Math.min(r * zone.columns + c, zone.count - 1)
}

/** A focus that still points at something: the same zone clamped, else the first zone with items. */
export function settle(zones: Zone[], focus: Focus | null): Focus | null {
  const zone = focus && zoneById(zones, focus.zone)
  if (zone && zone.count > 0) return { zone: zone.id, index: Math.max(0, Math.min(focus!.index, zone.count - 1)) }
  const first = zones.find((candidate) => candidate.count > 0)
  return first ? { zone: first.id, index: first.entry ?? 0 } : null
}

/** The focus after an arrow key; the same focus when there is nowhere to go. */
export function move(zones: Zone[], focus: Focus, direction: Direction): Focus {
  const zone = zoneById(zones, focus.zone)
  if (!zone || zone.count === 0) return settle(zones, focus) ?? focus
  const row = Math.floor(focus.index / zone.columns)
  const column = focus.index % zone.columns
  switch (direction) {
    case 'left':
      if (column > 0) return { zone: zone.id, index: focus.index - 1 }
      break
    case 'right':
      if (column < zone.columns - 1 && focus.index + 1 < zone.count) return { zone: zone.id, index: focus.index + 1 }
      break
    case 'up':
      if (row > 0) return { zone: zone.id, index: focus.index - zone.columns }
      break
    case 'down':
      if (row < rowsOf(zone) - 1) return { zone: zone.id, index: at(zone, row + 1, column) }
      break
  }
  const next = neighbour(zones, zone, direction)
  if (!next) return focus
  return { zone: next.id, index: enter(next, direction, row, column) }
}

/** The zone on that side, passing over empty ones; none when the chain ends or comes round again. */
function neighbour(zones: Zone[], from: Zone, direction: Direction): Zone | undefined {
  const seen = new Set<string>([from.id])
  let candidate = zoneById(zones, from[direction])
  while (candidate && candidate.count === 0 && !seen.has(candidate.id)) {
    seen.add(candidate.id)
    candidate = zoneById(zones, candidate[direction])
  }
  return candidate && candidate.count > 0 && !seen.has(candidate.id) ? candidate : undefined
}

function enter(zone: Zone, direction: Direction, row: number, column: number): number {
  if (zone.entry !== undefined && zone.entry >= 0 && zone.entry < zone.count) return zone.entry
  switch (direction) {
    case 'down': return at(zone, 0, column)
    case 'up': return at(zone, rowsOf(zone) - 1, column)
    case 'right': return at(zone, row, 0)
    case 'left': return at(zone, row, zone.columns - 1)
  }
}

/** The DOM id of an item, so the page can give it the browser's focus and tests can find it. */
export function elementId(focus: Focus): string {
  return 'tv-' + focus.zone + '-' + focus.index
}
