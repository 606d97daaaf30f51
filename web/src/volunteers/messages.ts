/* This feature's words, Chinese and English (merged into the app's messages by i18n/index.ts). */
export const zh = {}
export const en: typeof zh = {}
