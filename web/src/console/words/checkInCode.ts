/* The console's words for an activity's QR check-in code (messages.ts gives them as `console.checkInCode.`). */
export const zh = {
  title: '扫码签到',
  lead: '把二维码投到屏幕上或举起平板，参加者用手机在“扫码签到”拍照即可签到，志愿者离开时再扫一次签退。二维码每隔几十秒自动更换，截图转发给别人很快就会失效。',
  show: '显示签到二维码',
  hide: '收起二维码',
  fullScreen: '全屏显示',
  image: '活动“{title}”的签到二维码，定时自动更换',
  changes: '{seconds} 秒后更换',
  failed: '签到二维码无法取得：{problem}',
  handReason: '手工签到说明（可选，例如“手机没电，工作人员代签”）',
  byQr: '扫码',
  byStaff: '工作人员',
}

export const en: typeof zh = {
  title: 'QR check-in',
  lead: 'Show the code on a screen or a tablet: participants photograph it under "Check in by QR" on their phones to check in, and volunteers scan again to check out. The code changes every few tens of seconds, so a screenshot sent on soon stops working.',
  show: 'Show the check-in code',
  hide: 'Hide the code',
  fullScreen: 'Full screen',
  image: 'Check-in code of "{title}", changing by itself at intervals',
  changes: 'changes in {seconds} s',
  failed: 'The check-in code cannot be fetched: {problem}',
  handReason: 'Note for a check-in by hand (optional, e.g. "phone battery flat, checked in by staff")',
  byQr: 'QR',
  byStaff: 'staff',
}
