/* Chinese by default, English on request; the choice is kept per browser. */
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import * as residents from '../residents/messages'
import * as volunteers from '../volunteers/messages'
import * as tv from '../tv/messages'

export const LANGUAGE_KEY = 'practice-web.language'
export type Language = 'zh-CN' | 'en'

export function chosenLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY)
  return stored === 'en' ? 'en' : 'zh-CN'
}

export function makeI18n(locale: Language = chosenLanguage()) {
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: {
    'zh-CN': { ...zhCN, residents: residents.zh, volunteers: volunteers.zh, tv: tv.zh },
    en: { ...en, residents: residents.en, volunteers: volunteers.en, tv: tv.en },
  } })
}
