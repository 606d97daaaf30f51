/*
 * The staff console (/app/console.html): its own entry and chunks (Element Plus is loaded here only), the same login,
 * API clients, problems and words as the residents' app.
 */
import { createApp } from 'vue'
import '../shared/screenReader.css'
import ConsoleApp from './ConsoleApp.vue'
import { makeConsoleRouter } from './routes'
import { chosenLanguage, makeI18n } from '../i18n'
import { completeLogin, CONSOLE_CLIENT, logIn, LoginFailed, useLoginClient } from '../auth/session'
import { onRenewNeeded, setLanguage } from '../api/client'
import * as words from './messages'

async function start() {
  useLoginClient(CONSOLE_CLIENT)
  const language = chosenLanguage()
  document.documentElement.lang = language
  setLanguage(language)
  let back: string | null = null
  try {
    back = await completeLogin()
  } catch (error) {
    if (!(error instanceof LoginFailed)) throw error
  }
  const router = makeConsoleRouter()
  onRenewNeeded(() => { logIn(router.currentRoute.value.fullPath) })
  createApp(ConsoleApp).use(router).use(makeI18n(language, { console: words })).mount('#console')
  if (back) await router.replace(back)
}

start()
