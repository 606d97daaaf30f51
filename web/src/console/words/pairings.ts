/* The console's words for the pairings page, Chinese and English (messages.ts gives them as `console.pairings.`). */
export const zh = {
  title: '结对共建',
}

export const en: typeof zh = {
  title: 'Pairing',
}
