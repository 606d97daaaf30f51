import { describe, expect, it } from 'vitest'
import { PAD_COLUMNS, PAD_KEYS, groupedMobile, isCode, isMobile, maskedMobile, press } from '../digits'

describe('the digit pad', () => {
  it('is laid out like a phone: 1-2-3 on top, 0 between delete and done at the bottom', () => {
    const rows = []
    for (let i = 0; i < PAD_KEYS.length; i += PAD_COLUMNS) rows.push(PAD_KEYS.slice(i, i + PAD_COLUMNS))
    expect(rows).toEqual([['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9'], ['delete', '0', 'done']])
  })

  it('appends digits up to the length and ignores the rest', () => {
    expect(press('138', '0', 11)).toBe('1380')
    expect(press('123456', '7', 6)).toBe('123456')
  })

  it('deletes the last digit, and nothing from nothing', () => {
    expect(press('1380', 'delete', 11)).toBe('138')
    expect(press('', 'delete', 11)).toBe('')
  })

  it('leaves the value alone for "done" and anything else', () => {
    expect(press('138', 'done', 11)).toBe('138')
    expect(press('138', 'x', 11)).toBe('138')
  })
})

describe('numbers', () => {
  it('takes mainland mobile numbers only', () => {
    expect(isMobile('13800138000')).toBe(true)
    expect(isMobile('12800138000')).toBe(false)
    expect(isMobile('1380013800')).toBe(false)
  })

  it('takes six-digit codes only', () => {
    expect(isCode('123456')).toBe(true)
    expect(isCode('12345')).toBe(false)
    expect(isCode('1234567')).toBe(false)
  })

  it('shows a number grouped while it is typed and masked once it is someone\'s', () => {
    expect(groupedMobile('1380013')).toBe('138 0013')
    expect(groupedMobile('13800138000')).toBe('138 0013 8000')
    expect(maskedMobile('13800138000')).toBe('138****8000')
  })
})
