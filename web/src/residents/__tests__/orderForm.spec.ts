import { describe, expect, it } from 'vitest'
import { checkAnswer, checkAnswers, checkWindow, describeAnswers, emptyAnswers, orderedFields, wireAnswers, type MenuField } from '../orderForm'

const fields: MenuField[] = [
  { code: 'symptom', label: '故障描述', datatype: 'TEXT', required: true, order: 2, values: [] },
  { code: 'appliance', label: '电器', datatype: 'SINGLEVALUELIST', required: true, order: 1,
    values: [{ key: 'tv', name: '电视' }, { key: 'fridge', name: '冰箱' }] },
  { code: 'rooms', label: '房间', datatype: 'MULTIVALUELIST', required: false, order: 3,
    values: [{ key: 'kitchen', name: '厨房' }, { key: 'bedroom', name: '卧室' }] },
  { code: 'age', label: '年龄', datatype: 'NUMBER', required: false, order: 4, values: [] },
  { code: 'visit', label: '上门时间', datatype: 'DATETIME', required: false, order: 5, values: [] },
  { code: 'brand', label: '品牌', datatype: 'STRING', required: false, order: 6, values: [] },
]

describe('the order form generated from a menu item', () => {
  it('lists fields in the order the menu gives, whatever order they arrive in', () => {
    expect(orderedFields({ fields }).map((f) => f.code)).toEqual(['appliance', 'symptom', 'rooms', 'age', 'visit', 'brand'])
  })

  it('starts multi-value lists as empty lists and everything else as empty text', () => {
    expect(emptyAnswers(fields)).toEqual({ symptom: '', appliance: '', rooms: [], age: '', visit: '', brand: '' })
  })

  it('names every missing required field by the service path, and only those', () => {
    const problems = checkAnswers(fields, emptyAnswers(fields))
    expect(Object.keys(problems).sort()).toEqual(['answers.appliance', 'answers.symptom'])
    expect(problems['answers.appliance']).toEqual({ key: 'residents.form.required', values: { label: '电器' } })
  })

  it('refuses a number that is not one, a value not on the list, text over the limit and a malformed time', () => {
    expect(checkAnswer(fields[3], '12a')?.key).toBe('residents.form.number')
    expect(checkAnswer(fields[3], ' 12 ')).toBeNull()
    expect(checkAnswer(fields[1], 'washer')?.key).toBe('residents.form.choose')
    expect(checkAnswer(fields[2], ['kitchen', 'garage'])?.key).toBe('residents.form.choose')
    expect(checkAnswer(fields[5], 'x'.repeat(201))).toEqual({ key: 'residents.form.tooLong', values: { max: 200 } })
    expect(checkAnswer(fields[5], 'x'.repeat(200))).toBeNull()
    expect(checkAnswer(fields[0], 'x'.repeat(4001))?.key).toBe('residents.form.tooLong')
    expect(checkAnswer(fields[4], '2026-03-07')?.key).toBe('residents.form.dateTime')
  })

  it('sends numbers as numbers, times with the district offset, trimmed text, and leaves empty answers out', () => {
    const answers = { ...emptyAnswers(fields), appliance: 'tv', symptom: ' 不制冷 ', age: '70', visit: '2026-03-07T09:30' }
    expect(wireAnswers(fields, answers)).toEqual({ appliance: 'tv', symptom: '不制冷', age: 70, visit: '2026-03-07T09:30:00+08:00' })
    expect(wireAnswers(fields, { ...answers, rooms: ['kitchen'] }).rooms).toEqual(['kitchen'])
  })

  it('wants a preferred window to end after it starts', () => {
    expect(checkWindow('2026-03-07T10:00', '2026-03-07T09:00')?.key).toBe('residents.form.window')
    expect(checkWindow('2026-03-07T09:00', '2026-03-07T10:00')).toBeNull()
    expect(checkWindow('', '2026-03-07T10:00')).toBeNull()
  })

  it('reads answers back with labels and value names, in the menu order, times as the page formats them', () => {
    const described = describeAnswers({ fields }, { symptom: '不制冷', appliance: 'fridge', rooms: ['kitchen', 'bedroom'], visit: '2026-03-07T01:30:00Z', age: 7 },
      (iso) => 'at ' + iso)
    expect(described).toEqual([
      { label: '电器', text: '冰箱' }, { label: '故障描述', text: '不制冷' }, { label: '房间', text: '厨房、卧室' },
      { label: '年龄', text: '7' }, { label: '上门时间', text: 'at 2026-03-07T01:30:00Z' },
    ])
    expect(describeAnswers({ fields }, undefined, String)).toEqual([])
  })
})
