/* The console's words for the menu page, Chinese and English (messages.ts gives them as `console.menu.`). */
export const zh = {
  title: '服务菜单',
}

export const en: typeof zh = {
  title: 'Service menu',
}
