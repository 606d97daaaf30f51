import { describe, expect, it } from 'vitest'
import { elementId, move, remoteAction, settle, type Focus, type Zone } from '../focus'

/** The home screen's shape: a top row of 4, nine platforms down the left, items three to a row on the right. */
function home(items: number, entryPlatform?: number): Zone[] {
  return [
    { id: 'nav', count: 4, columns: 4, down: 'platforms', entry: 0 },
    { id: 'platforms', count: 9, columns: 1, up: 'nav', right: 'items', entry: entryPlatform },
    { id: 'items', count: items, columns: 3, up: 'nav', left: 'platforms' },
  ]
}

const at = (zone: string, index: number): Focus => ({ zone, index })

describe('move inside a grid', () => {
  const grid: Zone[] = [{ id: 'g', count: 8, columns: 3 }] // rows: 0 1 2 / 3 4 5 / 6 7

  it('moves one item left and right within a row', () => {
    expect(move(grid, at('g', 4), 'left')).toEqual(at('g', 3))
    expect(move(grid, at('g', 4), 'right')).toEqual(at('g', 5))
  })

  it('moves a whole row up and down, keeping the column', () => {
    expect(move(grid, at('g', 4), 'up')).toEqual(at('g', 1))
    expect(move(grid, at('g', 1), 'down')).toEqual(at('g', 4))
  })

  it('stops at the edges instead of wrapping into the next or previous row', () => {
    expect(move(grid, at('g', 3), 'left')).toEqual(at('g', 3))
    expect(move(grid, at('g', 2), 'right')).toEqual(at('g', 2))
    expect(move(grid, at('g', 1), 'up')).toEqual(at('g', 1))
    expect(move(grid, at('g', 7), 'down')).toEqual(at('g', 7))
  })

  it('goes down into a short last row at its last item when the column is beyond it', () => {
    expect(move(grid, at('g', 5), 'down')).toEqual(at('g', 7))
    expect(move(grid, at('g', 3), 'down')).toEqual(at('g', 6))
  })

  it('does not step right past the last item of a short row', () => {
    expect(move(grid, at('g', 7), 'right')).toEqual(at('g', 7))
  })

  it('moves along a one-column list with up and down only', () => {
    const list: Zone[] = [{ id: 'l', count: 3, columns: 1 }]
    expect(move(list, at('l', 0), 'down')).toEqual(at('l', 1))
    expect(move(list, at('l', 2), 'up')).toEqual(at('l', 1))
    expect(move(list, at('l', 1), 'right')).toEqual(at('l', 1))
    expect(move(list, at('l', 1), 'left')).toEqual(at('l', 1))
  })
})

describe('move between zones', () => {
  it('leaves a zone at its edge for the zone named on that side', () => {
    expect(move(home(6), at('platforms', 0), 'right')).toEqual(at('items', 0))
    expect(move(home(6), at('items', 3), 'left')).toEqual(at('platforms', 1))
    expect(move(home(6), at('items', 1), 'up')).toEqual(at('nav', 0)) // the nav's entry: the current tab
  })

  it('enters from the side at the same row, clamped to the rows the zone has', () => {
    // items: rows 0..1; from platform 5 the last row of items is entered
    expect(move(home(6), at('platforms', 5), 'right')).toEqual(at('items', 3))
    // from item 3 (row 1, first column) left lands on platform row 1
    expect(move(home(6), at('items', 3), 'left')).toEqual(at('platforms', 1))
  })

  it('enters from above at the same column, clamped to the columns the zone has', () => {
    const zones: Zone[] = [
      { id: 'top', count: 4, columns: 4, down: 'row' },
      { id: 'row', count: 2, columns: 2, up: 'top' },
    ]
    expect(move(zones, at('top', 1), 'down')).toEqual(at('row', 1))
    expect(move(zones, at('top', 3), 'down')).toEqual(at('row', 1))
    expect(move(zones, at('row', 0), 'up')).toEqual(at('top', 0))
  })

  it('enters a grid from below at its last row', () => {
    const zones: Zone[] = [
      { id: 'grid', count: 7, columns: 3, down: 'actions' },
      { id: 'actions', count: 2, columns: 2, up: 'grid' },
    ]
    expect(move(zones, at('actions', 1), 'up')).toEqual(at('grid', 6))
    expect(move(zones, at('actions', 0), 'up')).toEqual(at('grid', 6))
  })

  it('enters at the zone\'s entry item when it has one (the chosen platform, the current tab)', () => {
    expect(move(home(6, 6), at('nav', 3), 'down')).toEqual(at('platforms', 6))
    expect(move(home(6, 6), at('items', 0), 'left')).toEqual(at('platforms', 6))
    expect(move(home(6), at('platforms', 0), 'up')).toEqual(at('nav', 0))
  })

  it('ignores an entry outside the zone and falls back to the nearest item', () => {
    const zones: Zone[] = [
      { id: 'a', count: 2, columns: 2, down: 'b' },
      { id: 'b', count: 2, columns: 2, up: 'a', entry: 5 },
    ]
    expect(move(zones, at('a', 1), 'down')).toEqual(at('b', 1))
  })

  it('passes over an empty zone to the next one in the same direction', () => {
    const zones: Zone[] = [
      { id: 'fields', count: 3, columns: 3, down: 'empty' },
      { id: 'empty', count: 0, columns: 1, up: 'fields', down: 'actions' },
      { id: 'actions', count: 2, columns: 2, up: 'empty' },
    ]
    expect(move(zones, at('fields', 2), 'down')).toEqual(at('actions', 1))
    expect(move(zones, at('actions', 0), 'up')).toEqual(at('fields', 0))
  })

  it('stays put when the side has no zone, only empty zones, or an unknown zone', () => {
    expect(move(home(0), at('platforms', 3), 'right')).toEqual(at('platforms', 3))
    expect(move(home(6), at('nav', 0), 'up')).toEqual(at('nav', 0))
    const dangling: Zone[] = [{ id: 'a', count: 2, columns: 1, down: 'missing' }]
    expect(move(dangling, at('a', 1), 'down')).toEqual(at('a', 1))
  })

  it('does not loop forever over a ring of empty zones', () => {
    const zones: Zone[] = [
      { id: 'a', count: 1, columns: 1, down: 'b' },
      { id: 'b', count: 0, columns: 1, down: 'c' },
      { id: 'c', count: 0, columns: 1, down: 'b' },
    ]
    expect(move(zones, at('a', 0), 'down')).toEqual(at('a', 0))
  })
})

describe('settle', () => {
  it('keeps a focus that still points at an item', () => {
    expect(settle(home(6), at('items', 4))).toEqual(at('items', 4))
  })

  it('pulls a focus back into a zone that shrank', () => {
    expect(settle(home(2), at('items', 4))).toEqual(at('items', 1))
  })

  it('moves a focus out of a zone that emptied (or vanished) to the first zone with items, at its entry', () => {
    const zones: Zone[] = [
      { id: 'empty', count: 0, columns: 1 },
      { id: 'nav', count: 3, columns: 3, entry: 2 },
    ]
    expect(settle(zones, at('empty', 0))).toEqual(at('nav', 2))
    expect(settle(zones, at('gone', 1))).toEqual(at('nav', 2))
    expect(settle(zones, null)).toEqual(at('nav', 2))
  })

  it('answers null when nothing can have the focus', () => {
    expect(settle([{ id: 'x', count: 0, columns: 1 }], at('x', 0))).toBeNull()
  })

  it('lets a move from a vanished zone land somewhere that exists', () => {
    expect(move(home(3), at('activities', 2), 'down')).toEqual(at('nav', 0))
  })
})

describe('remote keys', () => {
  it('reads arrows, OK and back by key name, as browsers send them', () => {
    expect(remoteAction({ key: 'ArrowUp' })).toEqual({ kind: 'move', direction: 'up' })
    expect(remoteAction({ key: 'ArrowDown' })).toEqual({ kind: 'move', direction: 'down' })
    expect(remoteAction({ key: 'ArrowLeft' })).toEqual({ kind: 'move', direction: 'left' })
    expect(remoteAction({ key: 'ArrowRight' })).toEqual({ kind: 'move', direction: 'right' })
    expect(remoteAction({ key: 'Enter' })).toEqual({ kind: 'ok' })
    expect(remoteAction({ key: 'Backspace' })).toEqual({ kind: 'back' })
    expect(remoteAction({ key: 'Escape' })).toEqual({ kind: 'back' })
    expect(remoteAction({ key: 'GoBack' })).toEqual({ kind: 'back' })
  })

  it('reads the key codes of TV browsers that send no key names (webOS back 461, Tizen return 10009)', () => {
    expect(remoteAction({ key: 'Unidentified', keyCode: 38 })).toEqual({ kind: 'move', direction: 'up' })
    expect(remoteAction({ keyCode: 13 })).toEqual({ kind: 'ok' })
    expect(remoteAction({ keyCode: 461 })).toEqual({ kind: 'back' })
    expect(remoteAction({ keyCode: 10009 })).toEqual({ kind: 'back' })
  })

  it('reads the remote\'s digit keys', () => {
    expect(remoteAction({ key: '7' })).toEqual({ kind: 'digit', digit: '7' })
    expect(remoteAction({ keyCode: 48 })).toEqual({ kind: 'digit', digit: '0' })
  })

  it('ignores every other key', () => {
    expect(remoteAction({ key: 'a' })).toBeNull()
    expect(remoteAction({ key: 'Tab', keyCode: 9 })).toBeNull()
    expect(remoteAction({ key: '12' })).toBeNull()
  })
})

it('names each item\'s element by its zone and place', () => {
  expect(elementId(at('platforms', 3))).toBe('tv-platforms-3')
})
