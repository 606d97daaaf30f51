/* The TV page (/app/tv.html). */
import { createApp } from 'vue'
import TvApp from './TvApp.vue'
import { chosenLanguage, makeI18n } from '../i18n'

createApp(TvApp).use(makeI18n(chosenLanguage())).mount('#tv')
