import { describe, expect, it } from 'vitest'
import { parseCode } from '../code'

describe('check-in codes read from a QR', () => {
  it('names the activity of a check-in code, as it was shown', () => {
    expect(parseCode(' PCI1.act-7f3a.59432211.Qm9vLWJhYS1iYXJfYmF6MQ \n'))
      .toEqual({ text: 'PCI1.act-7f3a.59432211.Qm9vLWJhYS1iYXJfYmF6MQ', activityId: 'act-7f3a' })
  })

  it('refuses what is not one: another QR, a web address, a code of another version or with parts missing', () => {
    for (const text of ['https://example.cn/checkin?a=1', 'PCI2.act-1.1.Qm9vLWJhYS1iYXJf', 'PCI1.act-1.Qm9vLWJhYS1iYXJf',
      'PCI1..12.Qm9vLWJhYS1iYXJf', 'PCI1.act-1.12.short', 'PCI1.act/1.12.Qm9vLWJhYS1iYXJf', '', null, undefined]) {
      expect(parseCode(text)).toBeNull()
    }
  })
})
