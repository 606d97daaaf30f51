import { describe, expect, it } from 'vitest'
import { callBackOrder, choose, firstMissing, isChosen, listFields, orderableOnTv, type MenuField } from '../callBack'
import { menuItem } from './issuer'

const single: MenuField = { code: 'kind', datatype: 'SINGLEVALUELIST', label: '类别', required: true, order: 2,
  values: [{ key: 'x', name: 'X' }, { key: 'y', name: 'Y' }] }
const multi: MenuField = { code: 'needs', datatype: 'MULTIVALUELIST', label: '需要', order: 1,
  values: [{ key: 'a', name: 'A' }, { key: 'b', name: 'B' }] }

describe('what the remote can answer', () => {
  it('takes list fields with values, in the menu\'s order', () => {
    const item = menuItem('I', { fields: [single, multi, { code: 'note', datatype: 'TEXT', label: '备注' },
      { code: 'empty', datatype: 'SINGLEVALUELIST', label: '空', values: [] }] })
    expect(listFields(item).map((field) => field.code)).toEqual(['needs', 'kind'])
  })

  it('orders from the TV only when every required field is a list', () => {
    expect(orderableOnTv(menuItem('I', { fields: [single, { code: 'note', datatype: 'TEXT', label: '备注' }] }))).toBe(true)
    expect(orderableOnTv(menuItem('I', { fields: [{ code: 'when', datatype: 'DATETIME', label: '时间', required: true }] }))).toBe(false)
    expect(orderableOnTv(menuItem('I', { fields: [{ code: 'n', datatype: 'NUMBER', label: '人数', required: true }] }))).toBe(false)
    expect(orderableOnTv(menuItem('I', { fields: [{ ...single, values: [] }] }))).toBe(false)
    expect(orderableOnTv(menuItem('I'))).toBe(true)
  })
})

describe('choosing', () => {
  it('replaces the answer of a single-value list', () => {
    const answers = choose(choose({}, single, 'x'), single, 'y')
    expect(answers).toEqual({ kind: 'y' })
    expect(isChosen(answers, single, 'y')).toBe(true)
    expect(isChosen(answers, single, 'x')).toBe(false)
  })

  it('toggles values of a multi-value list and drops the answer when none is left', () => {
    let answers = choose(choose({}, multi, 'a'), multi, 'b')
    expect(answers).toEqual({ needs: ['a', 'b'] })
    answers = choose(answers, multi, 'a')
    expect(answers).toEqual({ needs: ['b'] })
    expect(choose(answers, multi, 'b')).toEqual({})
  })

  it('names the first required field still open', () => {
    const item = menuItem('I', { fields: [single, multi] })
    expect(firstMissing(item, {})?.code).toBe('kind')
    expect(firstMissing(item, { kind: 'x' })).toBeNull()
  })
})

it('builds a call-back order: channel TV, the viewer as requester, their number to call, the community or else the station\'s place', () => {
  const base = { item: menuItem('MEALS'), answers: { kind: 'x' }, requesterId: 'acc-1', mobile: '13800138000',
    description: '电视点单，请回电', community: null, stationLocation: { latitude: 29.5, longitude: 106.5 } }
  expect(callBackOrder(base)).toEqual({ menuItem: 'MEALS', channel: 'TV', requesterId: 'acc-1', contact: '13800138000',
    description: '电视点单，请回电', answers: { kind: 'x' }, location: { latitude: 29.5, longitude: 106.5 } })
  expect(callBackOrder({ ...base, community: 'c1' })).toMatchObject({ community: 'c1' })
  expect(callBackOrder({ ...base, community: 'c1' }).location).toBeUndefined()
})
