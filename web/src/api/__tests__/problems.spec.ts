import { describe, expect, it } from 'vitest'
import { makeI18n } from '../../i18n'
import { ProblemError, showProblem, type Problem } from '../problems'

function shown(problem: Problem, locale: 'zh-CN' | 'en' = 'zh-CN') {
  const { global } = makeI18n(locale)
  return showProblem(new ProblemError(problem), (key, values) => global.t(key, values ?? {}), (key) => global.te(key))
}

describe('problems as people read them', () => {
  it('puts each field of a validation problem beside the field, in the page language', () => {
    const problem = { type: 'https://practice.cloud/problems/invalid-field', status: 400, errors: [
      { field: 'requesterId', message: 'must not be blank' },
      { field: 'reason', message: 'size must be between 0 and 500' },
      { field: 'rating', message: 'must be less than or equal to 5' },
      { field: 'code', message: 'must match "[0-9]{6}"' },
      { field: 'other', message: 'something the page does not know' },
    ] }
    expect(shown(problem).fields).toEqual({
      requesterId: '请填写此项。', reason: '长度须在 0 到 500 之间。', rating: '不能大于 5。', code: '格式不对。',
      other: 'something the page does not know',
    })
    expect(shown(problem, 'en').fields.reason).toBe('Between 0 and 500 characters.')
  })

  it('names a problem of one field beside it, and a problem of none for the page', () => {
    expect(shown({ type: 'https://practice.cloud/problems/code-invalid', status: 400, field: 'code', detail: 'wrong' }).fields)
      .toEqual({ code: '验证码不对或已过期，请重新获取。' })
    expect(shown({ type: 'https://practice.cloud/problems/activity-full', status: 409, detail: 'full' }))
      .toEqual({ fields: {}, general: '名额已满。' })
    expect(shown({ type: 'https://practice.cloud/problems/new-kind', status: 409, detail: 'The service says why' }).general)
      .toBe('The service says why')
  })

  it('says the platform cannot be reached when the call never got an answer', () => {
    const { global } = makeI18n('zh-CN')
    expect(showProblem(new TypeError('Failed to fetch'), (key) => global.t(key), (key) => global.te(key)).general)
      .toBe('连不上平台，请检查网络后再试。')
  })
})
