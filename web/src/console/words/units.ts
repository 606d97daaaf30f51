/* The console's words for the units page, Chinese and English (messages.ts gives them as `console.units.`). */
export const zh = {
  title: '单位与网格',
}

export const en: typeof zh = {
  title: 'Units and grids',
}
