/* 中文 / English, kept per browser; the API answers in the same language (Accept-Language). */
import type { Ref, WritableComputedRef } from 'vue'
import { LANGUAGE_KEY } from '../i18n'
import { setLanguage } from '../api/client'

export function toggleLanguage(locale: Ref<string> | WritableComputedRef<string>): void {
  locale.value = locale.value === 'en' ? 'zh-CN' : 'en'
  localStorage.setItem(LANGUAGE_KEY, locale.value)
  document.documentElement.lang = locale.value
  setLanguage(locale.value)
}
