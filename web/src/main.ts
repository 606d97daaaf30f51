/* The residents' and volunteers' app (/app/): back from the issuer first, then the pages. */
import { createApp } from 'vue'
import 'vant/es/toast/style'
import 'vant/es/dialog/style'
import 'vant/es/notify/style'
import './shared/screenReader.css'
import './shared/hints.css'
import App from './App.vue'
import { makeRouter } from './router'
import { chosenLanguage, makeI18n } from './i18n'
import { completeLogin, logIn, LoginFailed } from './auth/session'
import { onRenewNeeded, setLanguage } from './api/client'

async function start() {
  const language = chosenLanguage()
  document.documentElement.lang = language
  setLanguage(language)
  let back: string | null = null
  try {
    back = await completeLogin()
  } catch (error) {
    if (!(error instanceof LoginFailed)) throw error
  }
  const router = makeRouter()
  onRenewNeeded(() => { logIn(router.currentRoute.value.fullPath) })
  createApp(App).use(router).use(makeI18n(language)).mount('#app')
  if (back) await router.replace(back)
}

start()
