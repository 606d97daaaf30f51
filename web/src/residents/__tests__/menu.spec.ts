import { describe, expect, it } from 'vitest'
import { visibleItems } from '../menu'
import type { MenuItem } from '../orderForm'

const items: MenuItem[] = [
  { code: 'HOME-REPAIR', name: '家电维修', description: '上门检修小家电', platform: 'SCIENCE', keywords: ['电视'], active: true },
  { code: 'LAW-AID', name: '法律咨询', description: '律师志愿者解答', platform: 'LEGAL', keywords: [], active: true },
  { code: 'OLD-TV', name: '旧电视回收', description: '', platform: 'SCIENCE', keywords: [], active: false },
  { code: 'COMPUTER', name: '电脑教学', description: '教老人用电脑', platform: 'SCIENCE', keywords: [], active: true },
]

describe('the menu residents browse', () => {
  it('shows one platform at a time, active items only, by name', () => {
    expect(visibleItems(items, 'SCIENCE', '').map((i) => i.code)).toEqual(['COMPUTER', 'HOME-REPAIR'])
    expect(visibleItems(items, 'LEGAL', '').map((i) => i.code)).toEqual(['LAW-AID'])
  })

  it('searches all platforms by name, description and keywords, every word having to match', () => {
    expect(visibleItems(items, 'LEGAL', '电视').map((i) => i.code)).toEqual(['HOME-REPAIR'])
    expect(visibleItems(items, 'SCIENCE', '律师').map((i) => i.code)).toEqual(['LAW-AID'])
    expect(visibleItems(items, null, '电 老人').map((i) => i.code)).toEqual(['COMPUTER'])
    expect(visibleItems(items, null, '回收')).toEqual([])
  })
})
