/* The check-in page's words (given to the app's i18n as `checkIn.`). */
export const zh = {
  title: '扫码签到 / 签退',
  lead: '拍下活动现场工作人员展示的二维码：第一次扫码签到，志愿者离开时再扫一次签退。二维码会定时更换，请拍现场屏幕上正在显示的那一个。',
  take: '拍照扫码',
  reading: '正在识别二维码…',
  checkedIn: '已签到',
  checkedOut: '已签退',
  at: '时间：{time}',
  activity: '活动：{title}',
  again: '再扫一次',
  noCode: '照片里没有找到二维码，请对准二维码、靠近一些再拍。',
  notOurs: '这不是活动签到二维码。',
  unreadable: '无法读取这张照片，请重新拍摄。',
  refusals: {
    'check-in-code-expired': '二维码已过期，请拍现场屏幕上正在显示的二维码。',
    'check-in-code-invalid': '二维码无效，请拍现场屏幕上正在显示的二维码。',
    forbidden: '工作人员请在工作台为参加者签到。',
  },
}

export const en: typeof zh = {
  title: 'Check in / out by QR',
  lead: 'Take a photo of the QR code the staff show at the activity: the first scan checks you in, a volunteer scans again to check out. The code changes at intervals: take the one on the screen now.',
  take: 'Take a photo of the code',
  reading: 'Reading the code…',
  checkedIn: 'Checked in',
  checkedOut: 'Checked out',
  at: 'At {time}',
  activity: 'Activity: {title}',
  again: 'Scan again',
  noCode: 'No QR code in the photo: point at the code, come closer and take it again.',
  notOurs: 'This is not an activity check-in code.',
  unreadable: 'The photo cannot be read: take it again.',
  refusals: {
    'check-in-code-expired': 'The code has expired: take the one on the screen now.',
    'check-in-code-invalid': 'The code is not valid: take the one on the screen now.',
    forbidden: 'Staff check participants in from the console.',
  },
}
