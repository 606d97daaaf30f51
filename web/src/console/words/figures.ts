/* The console's words for the figures page, Chinese and English (messages.ts gives them as `console.figures.`). */
export const zh = {
  title: '本单位数据',
}

export const en: typeof zh = {
  title: 'Our figures',
}
