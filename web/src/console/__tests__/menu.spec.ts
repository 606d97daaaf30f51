import { describe, expect, it } from 'vitest'
import {
  checkDefaults, checkDraft, defaultsBody, defaultsDraft, draftOf, durationText, emptyDraft, fallbackTarget, formatDuration, fromHuman,
  itemBody, keywordsOf, moved, newField, parseDuration, placeProblems, problemKey, shownKeys, toHuman, type ItemDraft, type MenuItemView,
} from '../menu'

const ESCORT: MenuItemView = {
  itemId: 'cq-jiulongpo/CARE-ESCORT', districtId: 'cq-jiulongpo', code: 'CARE-ESCORT', name: '陪同就医', platform: 'CARE',
  description: '老人复诊需陪同', keywords: ['就医', '陪同'], minimumSkillLevel: 2, expectedMinutes: 120, peopleNeeded: 1,
  offeringUnitIds: ['st-1'], reopenWindow: 'PT168H', active: true, version: 3,
  sla: { REVIEW: 'PT2H', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H' },
  fields: [
    { code: 'when', label: '就诊时间', datatype: 'DATETIME', required: true, order: 2, values: [] },
    { code: 'hospital', label: '医院', datatype: 'SINGLEVALUELIST', required: true, order: 1, description: '选一家',
      values: [{ key: 'rmyy', name: '区人民医院' }, { key: 'zyy', name: '区中医院' }] },
  ],
}

/** Words as "key{values}", so a test reads which message was meant. */
const t = (key: string, values?: Record<string, unknown>) => key.split('.').pop() + (values ? JSON.stringify(values) : '')

describe('durations: ISO-8601 as the API writes them, hours and minutes as people type them', () => {
  it('reads java.time.Duration\'s forms, days folded into seconds, and refuses what is not one', () => {
    expect(parseDuration('PT2H')).toEqual({ seconds: 7200, fraction: '' })
    expect(parseDuration('P3D')).toEqual({ seconds: 259_200, fraction: '' })
    expect(parseDuration('P1DT2H3M4.250S')).toEqual({ seconds: 93_784, fraction: '25' })
    expect(parseDuration('pt90m')).toEqual({ seconds: 5400, fraction: '' })
    for (const bad of ['', 'P', 'PT', 'P1DT', '2h', 'PT-1H', '-PT1H', 'P1W', 'PT1.5H', 'PT.5S', null, undefined]) {
      expect(parseDuration(bad)).toBeNull()
    }
  })

  it('writes them as java.time.Duration.toString does', () => {
    expect(formatDuration({ seconds: 7200, fraction: '' })).toBe('PT2H')
    expect(formatDuration({ seconds: 259_200, fraction: '' })).toBe('PT72H')
    expect(formatDuration({ seconds: 5400, fraction: '' })).toBe('PT1H30M')
    expect(formatDuration({ seconds: 3601, fraction: '' })).toBe('PT1H1S')
    expect(formatDuration({ seconds: 0, fraction: '5' })).toBe('PT0.5S')
    expect(formatDuration({ seconds: 0, fraction: '' })).toBe('PT0S')
  })

  it('shows hours (days folded in) and minutes, seconds only when there are some, and converts back exactly', () => {
    expect(toHuman('PT2H')).toEqual({ hours: '2', minutes: '0', seconds: '' })
    expect(toHuman('P3D')).toEqual({ hours: '72', minutes: '0', seconds: '' })
    expect(toHuman('PT1H30M')).toEqual({ hours: '1', minutes: '30', seconds: '' })
    expect(toHuman('P1DT2H3M4.25S')).toEqual({ hours: '26', minutes: '3', seconds: '4.25' })
    expect(toHuman(undefined)).toEqual({ hours: '', minutes: '', seconds: '' })
    expect(toHuman('nonsense')).toEqual({ hours: '', minutes: '', seconds: '' })
    for (const iso of ['PT2H', 'PT1H30M', 'PT72H', 'PT0.5S', 'PT26H3M4.25S', 'PT720H', 'PT1S', 'PT45M']) {
      expect(fromHuman(toHuman(iso))).toEqual({ iso })
    }
    expect(fromHuman(toHuman('P3D'))).toEqual({ iso: 'PT72H' })
  })

  it('takes typed hours and minutes as numbers or text, empty as "not set", and refuses what the API would', () => {
    expect(fromHuman({ hours: 1, minutes: 30, seconds: '' })).toEqual({ iso: 'PT1H30M' })
    expect(fromHuman({ hours: '', minutes: '45', seconds: '' })).toEqual({ iso: 'PT45M' })
    expect(fromHuman({ hours: ' 3 ', minutes: '', seconds: '' })).toEqual({ iso: 'PT3H' })
    expect(fromHuman({ hours: '', minutes: '', seconds: '' })).toEqual({})
    expect(fromHuman({ hours: '0', minutes: '0', seconds: '' }).problem?.key).toBe('console.menu.problems.durationZero')
    expect(fromHuman({ hours: '720', minutes: '0', seconds: '' })).toEqual({ iso: 'PT720H' })
    expect(fromHuman({ hours: '720', minutes: '1', seconds: '' }).problem?.key).toBe('console.menu.problems.durationLong')
    expect(fromHuman({ hours: '720', minutes: '', seconds: '0.5' }).problem?.key).toBe('console.menu.problems.durationLong')
    expect(fromHuman({ hours: '1.5', minutes: '', seconds: '' }).problem?.key).toBe('console.menu.problems.hours')
    expect(fromHuman({ hours: '-1', minutes: '', seconds: '' }).problem?.key).toBe('console.menu.problems.hours')
    expect(fromHuman({ hours: '1', minutes: '60', seconds: '' }).problem?.key).toBe('console.menu.problems.minutes')
    expect(fromHuman({ hours: '', minutes: '', seconds: '60' }).problem?.key).toBe('console.menu.problems.seconds')
    expect(fromHuman({ hours: '', minutes: '', seconds: '0.1234567891' }).problem?.key).toBe('console.menu.problems.seconds')
  })

  it('says a duration in days, hours, minutes and seconds, leaving out the parts that are zero', () => {
    expect(durationText('PT72H', t)).toBe('days{"n":3}')
    expect(durationText('PT26H30M', t)).toBe('days{"n":1} hours{"n":2} minutes{"n":30}')
    expect(durationText('PT0.5S', t)).toBe('seconds{"n":"0.5"}')
    expect(durationText('PT0S', t)).toBe('seconds{"n":"0"}')
    expect(durationText('whenever', t)).toBe('whenever')
    expect(durationText(undefined, t)).toBe('')
  })
})

describe('an item\'s form', () => {
  it('is the item as it stands: fields in their order, targets as hours and minutes', () => {
    const draft = draftOf(ESCORT)
    expect(draft.fields.map((field) => field.code)).toEqual(['hospital', 'when'])
    expect(draft.fields[0]).toMatchObject({ label: '医院', datatype: 'SINGLEVALUELIST', required: true, description: '选一家',
      values: [{ key: 'rmyy', name: '区人民医院' }, { key: 'zyy', name: '区中医院' }] })
    expect(draft.keywords).toBe('就医，陪同')
    expect(draft.sla.COMPLETE).toEqual({ hours: '72', minutes: '0', seconds: '' })
    expect(draft.reopenWindow).toEqual({ hours: '168', minutes: '0', seconds: '' })
  })

  it('is sent whole: fields numbered in the order shown, values only for lists, targets as ISO durations', () => {
    const draft = draftOf(ESCORT)
    draft.fields = moved(draft.fields, 1, -1)
    draft.fields[0].values = [{ key: 'left-over', name: 'from an earlier choice' }]
    draft.sla.REVIEW = { hours: 1, minutes: 30, seconds: '' }
    draft.sla.DISPATCH = { hours: '', minutes: '', seconds: '' }
    draft.keywords = '就医, 陪同、复诊'
    expect(itemBody(draft)).toEqual({
      name: '陪同就医', platform: 'CARE', description: '老人复诊需陪同', keywords: ['就医', '陪同', '复诊'], minimumSkillLevel: 2, expectedMinutes: 120,
      peopleNeeded: 1, offeringUnitIds: ['st-1'],
      fields: [
        { code: 'when', label: '就诊时间', datatype: 'DATETIME', required: true, order: 1 },
        { code: 'hospital', label: '医院', datatype: 'SINGLEVALUELIST', required: true, order: 2, description: '选一家',
          values: [{ key: 'rmyy', name: '区人民医院' }, { key: 'zyy', name: '区中医院' }] },
      ],
      sla: { REVIEW: 'PT1H30M', ACCEPT: 'PT8H', COMPLETE: 'PT72H' }, reopenWindow: 'PT168H',
    })
  })

  it('leaves out an empty description and the reopen window when none was typed', () => {
    const draft: ItemDraft = { ...emptyDraft(), code: 'NEW', name: ' 读书会 ', platform: 'CULTURE' }
    expect(itemBody(draft)).toEqual({ name: '读书会', platform: 'CULTURE', keywords: [], minimumSkillLevel: 1, expectedMinutes: 60,
      peopleNeeded: 1, fields: [], offeringUnitIds: [], sla: {} })
  })

  it('names each mistake by the API\'s field path', () => {
    const draft: ItemDraft = {
      ...emptyDraft(), code: 'has space', name: '', platform: '', minimumSkillLevel: 6, expectedMinutes: '0', peopleNeeded: '',
      keywords: Array.from({ length: 21 }, (_, i) => 'k' + i).join(','),
      fields: [
        { ...newField(), code: 'a', label: '问题', datatype: 'SINGLEVALUELIST', values: [] },
        { ...newField(), code: 'a', label: '', datatype: 'MULTIVALUELIST', values: [{ key: 'x', name: '' }, { key: 'x', name: '乙' }] },
        { ...newField(), code: '', label: 'x'.repeat(101), datatype: 'NUMBER', values: [{ key: '', name: '' }] },
      ],
    }
    draft.sla.ACCEPT = { hours: '0', minutes: '0', seconds: '' }
    const problems = checkDraft(draft, true)
    expect(Object.fromEntries(Object.entries(problems).map(([key, p]) => [key, p.key.split('.').pop()]))).toEqual({
      code: 'code', name: 'required', platform: 'required', keywords: 'tooMany', minimumSkillLevel: 'between', expectedMinutes: 'between',
      peopleNeeded: 'between', 'fields[0].values': 'noValues', 'fields[1].code': 'fieldCodeTwice', 'fields[1].label': 'required',
      'fields[1].values[0].name': 'required', 'fields[1].values[1].key': 'valueKeyTwice', 'fields[2].code': 'required',
      'fields[2].label': 'tooLong', 'sla.ACCEPT': 'durationZero',
    })
    expect(problems['fields[1].code'].values).toEqual({ n: 1 })
  })

  it('refuses a new item\'s code that the menu has already, and finds nothing wrong with a good item', () => {
    expect(checkDraft({ ...draftOf(ESCORT) }, true, ['CARE-ESCORT']).code?.key).toBe('console.menu.problems.codeTaken')
    expect(checkDraft(draftOf(ESCORT), false, ['CARE-ESCORT'])).toEqual({})
  })

  it('splits search words at commas of either kind and 、', () => {
    expect(keywordsOf(' 就医，陪同, 复诊、 ,')).toEqual(['就医', '陪同', '复诊'])
  })

  it('moves a field up or down, and not past either end', () => {
    expect(moved(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b'])
    expect(moved(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c'])
    const list = ['a', 'b']
    expect(moved(list, 0, -1)).toBe(list)
    expect(moved(list, 1, 1)).toBe(list)
  })
})

describe('the district\'s defaults', () => {
  it('come as stage → ISO duration and reopenWindow, go back with only what was typed', () => {
    const draft = defaultsDraft({ REVIEW: 'PT1H', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H', reopenWindow: 'PT168H' })
    expect(draft.sla.REVIEW).toEqual({ hours: '1', minutes: '0', seconds: '' })
    draft.sla.REVIEW = { hours: '0', minutes: '45', seconds: '' }
    draft.reopenWindow = { hours: '', minutes: '', seconds: '' }
    expect(defaultsBody(draft)).toEqual({ sla: { REVIEW: 'PT45M', DISPATCH: 'PT4H', ACCEPT: 'PT8H', COMPLETE: 'PT72H' } })
    expect(defaultsBody(defaultsDraft({}))).toEqual({ sla: {} })
    draft.sla.COMPLETE = { hours: '800', minutes: '', seconds: '' }
    expect(checkDefaults(draft)['sla.COMPLETE']?.key).toBe('console.menu.problems.durationLong')
  })

  it('apply to an item that sets none, else the platform\'s', () => {
    expect(fallbackTarget({ REVIEW: 'PT1H' }, 'REVIEW')).toBe('PT1H')
    expect(fallbackTarget({}, 'COMPLETE')).toBe('P3D')
    expect(fallbackTarget({}, 'reopenWindow')).toBe('P7D')
  })
})

describe('the API\'s problems beside the fields', () => {
  it('reads bean validation\'s map paths as the controller\'s, a keyword at the keywords', () => {
    expect(problemKey('sla[REVIEW]')).toBe('sla.REVIEW')
    expect(problemKey('sla.REVIEW')).toBe('sla.REVIEW')
    expect(problemKey('keywords[3]')).toBe('keywords')
    expect(problemKey('keywords[3].<list element>')).toBe('keywords')
    expect(problemKey('fields[1].values[0].key')).toBe('fields[1].values[0].key')
  })

  it('places each beside its field, and keeps the ones no field shows for the form as a whole', () => {
    const shown = shownKeys(draftOf(ESCORT))
    const placed = placeProblems({ 'fields[0].label': '请填写此项。', 'sla[REVIEW]': '格式不对。', 'fields[0].order': '不能大于 1000。',
      'If-Match': 'If-Match must be an ETag', 'fields[0].values[1].name': '太长' }, (key) => shown.has(key))
    expect(placed.byKey).toEqual({ 'fields[0].label': '请填写此项。', 'sla.REVIEW': '格式不对。', 'fields[0].values[1].name': '太长' })
    expect(placed.rest).toEqual(['不能大于 1000。', 'If-Match must be an ETag'])
  })
})
