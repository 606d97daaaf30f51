/* The TV page (/app/tv.html): its own entry, remote-driven, logged in by mobile number and code (codeLogin.ts). */
import { createApp } from 'vue'
import TvApp from './TvApp.vue'
import { chosenLanguage, makeI18n } from '../i18n'
import { setLanguage } from '../api/client'

const language = chosenLanguage()
document.documentElement.lang = language
setLanguage(language)
createApp(TvApp).use(makeI18n(language)).mount('#tv')
