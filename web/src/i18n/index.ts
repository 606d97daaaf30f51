/* Chinese by default, English on request; the choice is kept per browser. */
import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'
import * as residents from '../residents/messages'
import * as volunteers from '../volunteers/messages'
import * as tv from '../tv/messages'
import * as checkIn from '../checkIn/messages'
import * as evidence from '../evidence/messages'
import * as certificates from '../certificates/messages'
import * as notices from '../notices/messages'

export const LANGUAGE_KEY = 'practice-web.language'
export type Language = 'zh-CN' | 'en'

export function chosenLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(LANGUAGE_KEY)
  return stored === 'en' ? 'en' : 'zh-CN'
}

/** A section of words only one entry needs (the staff console's), kept out of the other entries' bundles. */
export type Section = { zh: Record<string, unknown>; en: Record<string, unknown> }

export function makeI18n(locale: Language = chosenLanguage(), sections: Record<string, Section> = {}) {
  const own = (language: 'zh' | 'en') => Object.fromEntries(Object.entries(sections).map(([name, words]) => [name, words[language]]))
  return createI18n({ legacy: false, locale, fallbackLocale: 'zh-CN', messages: {
    'zh-CN': { ...zhCN, residents: residents.zh, volunteers: volunteers.zh, tv: tv.zh, checkIn: checkIn.zh, evidence: evidence.zh, certificates: certificates.zh, notices: notices.zh, ...own('zh') },
    en: { ...en, residents: residents.en, volunteers: volunteers.en, tv: tv.en, checkIn: checkIn.en, evidence: evidence.en, certificates: certificates.en, notices: notices.en, ...own('en') },
  } })
}
