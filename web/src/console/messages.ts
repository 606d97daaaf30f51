/* The staff console's words, Chinese and English (given to the console's i18n by console/main.ts as `console.`). */
export const zh = {
  title: '文明实践云 · 工作台',
  notStaff: '工作台供实践站、实践所、分中心和区级管理员使用。您的账号没有这些身份。',
  header: { links: '工作台链接', help: '快捷键', dashboard: '数据看板' },
  shortcuts: {
    title: '键盘快捷键', next: '下一条', previous: '上一条', open: '打开订单', review: '审单', dispatch: '派单',
    search: '搜索', help: '显示本帮助',
  },
  live: { connecting: '正在连接实时更新…', open: '实时更新中', reconnecting: '正在重新连接…', refused: '实时更新不可用' },
  queue: {
    title: '工单队列', count: '显示 {shown} 条，共 {total} 条', stage: '环节', status: '状态', filters: '筛选',
    unit: '单位', ownUnit: '本单位及下级', any: '全部', platform: '服务平台', menuItem: '服务项目', channel: '渠道',
    from: '提交日期从', to: '到', search: '搜索', searchHint: '编号、地址、描述（按 / ）',
    columns: { clock: '剩余时限', status: '状态', what: '服务', unit: '负责单位', channel: '渠道', submitted: '提交时间', id: '编号' },
    overdue: '已超时', escalated: '已上报 {count} 次', empty: '没有符合条件的订单。', more: '加载更多（已加载 {loaded} / {total}）',
    keys: '快捷键：j/k 或 ↑/↓ 移动，Enter 打开，r 审单，d 派单，/ 搜索，? 帮助',
    stages: { review: '待审核', waiting: '待派单/待接单', service: '服务中', overdue: '已超时', escalated: '上报到本单位' },
  },
  status: {
    SUBMITTED: '待审核', REVIEWED: '待派单', REJECTED: '已驳回', DISPATCHED: '待接单', ACCEPTED: '已接单', IN_SERVICE: '服务中',
    SERVED: '已服务', COMPLETED: '已完成', RATED: '已评价', CANCELLED: '已取消', EXPIRED: '已过期',
  },
  channels: { APP: '手机', PC: '电脑', TV: '电视', KIOSK: '自助机', PHONE: '电话', GRID_WORKER: '网格员', INTEGRATION: '外部系统' },
  stages: { REVIEW: '审核', DISPATCH: '派单', ACCEPT: '接单', COMPLETE: '完成' },
  order: {
    back: '返回队列', clock: '{stage}时限剩余', facts: '订单信息', id: '编号', submitted: '提交时间', channel: '渠道', unit: '负责单位',
    grid: '网格', window: '期望时间', contact: '联系电话（已脱敏）', address: '地址', location: '位置（纬度, 经度）', keyedBy: '代录人',
    volunteer: '接单志愿者', team: '服务队', duplicate: '可能重复', rejection: '驳回理由', answers: '居民填写的内容', history: '全过程记录',
    when: '时间', what: '事项', who: '操作人', why: '说明', noActions: '这个订单当前没有可做的操作。',
  },
  events: {
    submitted: '提交', reviewed: '审核通过', rejected: '驳回', 'match-requested': '请求匹配', 'no-match': '没有匹配到志愿者',
    dispatched: '派单', declined: '志愿者婉拒', accepted: '接单', 'checked-in': '签到', 'checked-out': '签退', completed: '完成',
    rated: '评价', cancelled: '取消', reopened: '重新打开', escalated: '超时上报', expired: '过期', noted: '备注',
  },
  review: {
    title: '审单', lead: '通过后进入派单；驳回须写明理由，居民会看到。', accept: '审核通过', reason: '驳回理由',
    reject: '驳回', reasonNeeded: '驳回须写明理由。', accepted: '已审核通过。', rejected: '已驳回。',
  },
  dispatch: {
    title: '派单', again: '重新派单', offeredTo: '已派给：{ids}', reload: '重新匹配', candidates: '推荐的志愿者（按得分排序）',
    reach: { RADIUS: '范围：{km} 公里内', SUBTREE: '范围：负责单位及下级' }, widened: '已放宽条件：{how}',
    none: '没有匹配到志愿者。', pick: '选择', volunteer: '志愿者', why: '得分说明', pickOne: '选择志愿者 {id}',
    team: '或派给服务队', noTeam: '不派给服务队', send: '派单', sendAgain: '重新派单', chooseSomeone: '请至少选择一名志愿者或一支服务队。',
    done: '已派单。',
  },
  cancel: { title: '取消订单', reason: '取消原因（选填）', send: '取消订单', done: '订单已取消。' },
  score: { total: '总分', distance: '距离', skill: '技能', fairness: '负荷均衡', rating: '评价', team: '服务队', km: '{km} 公里' },
}

export const en: typeof zh = {
  title: 'Practice Cloud · Console',
  notStaff: 'The console is for the admins of stations, institutes, sub-centers and the district. Your account has none of these roles.',
  header: { links: 'Console links', help: 'Shortcuts', dashboard: 'Dashboard' },
  shortcuts: {
    title: 'Keyboard shortcuts', next: 'Next order', previous: 'Previous order', open: 'Open the order', review: 'Review',
    dispatch: 'Dispatch', search: 'Search', help: 'Show this help',
  },
  live: { connecting: 'Connecting live updates…', open: 'Live', reconnecting: 'Reconnecting…', refused: 'Live updates unavailable' },
  queue: {
    title: 'Work queue', count: '{shown} shown of {total}', stage: 'Stage', status: 'Status', filters: 'Filters',
    unit: 'Unit', ownUnit: 'My unit and below', any: 'Any', platform: 'Platform', menuItem: 'Service', channel: 'Channel',
    from: 'Submitted from', to: 'to', search: 'Search', searchHint: 'Id, address, description (press /)',
    columns: { clock: 'Time left', status: 'Status', what: 'Service', unit: 'Responsible unit', channel: 'Channel', submitted: 'Submitted', id: 'Id' },
    overdue: 'Overdue', escalated: 'Escalated {count}×', empty: 'No orders match.', more: 'Load more ({loaded} of {total} loaded)',
    keys: 'Keys: j/k or ↑/↓ move, Enter opens, r reviews, d dispatches, / searches, ? help',
    stages: { review: 'To review', waiting: 'Waiting for dispatch/acceptance', service: 'In service', overdue: 'Overdue', escalated: 'Escalated to this unit' },
  },
  status: {
    SUBMITTED: 'To review', REVIEWED: 'To dispatch', REJECTED: 'Rejected', DISPATCHED: 'Awaiting acceptance', ACCEPTED: 'Accepted',
    IN_SERVICE: 'In service', SERVED: 'Served', COMPLETED: 'Completed', RATED: 'Rated', CANCELLED: 'Cancelled', EXPIRED: 'Expired',
  },
  channels: { APP: 'Mobile', PC: 'PC', TV: 'TV', KIOSK: 'Kiosk', PHONE: 'Phone', GRID_WORKER: 'Grid worker', INTEGRATION: 'Integration' },
  stages: { REVIEW: 'Review', DISPATCH: 'Dispatch', ACCEPT: 'Acceptance', COMPLETE: 'Completion' },
  order: {
    back: 'Back to the queue', clock: '{stage} time left', facts: 'The order', id: 'Id', submitted: 'Submitted', channel: 'Channel',
    unit: 'Responsible unit', grid: 'Grid', window: 'Preferred time', contact: 'Contact (masked)', address: 'Address',
    location: 'Location (latitude, longitude)', keyedBy: 'Keyed by', volunteer: 'Volunteer', team: 'Team', duplicate: 'Possible duplicate of',
    rejection: 'Rejection reason', answers: 'What the resident answered', history: 'Full history', when: 'When', what: 'What', who: 'Who',
    why: 'Why', noActions: 'Nothing can be done with this order now.',
  },
  events: {
    submitted: 'Submitted', reviewed: 'Reviewed', rejected: 'Rejected', 'match-requested': 'Matching asked', 'no-match': 'No volunteer matched',
    dispatched: 'Dispatched', declined: 'Declined by a volunteer', accepted: 'Accepted', 'checked-in': 'Checked in', 'checked-out': 'Checked out',
    completed: 'Completed', rated: 'Rated', cancelled: 'Cancelled', reopened: 'Reopened', escalated: 'Escalated (overdue)', expired: 'Expired', noted: 'Note',
  },
  review: {
    title: 'Review', lead: 'Accepted orders go on to dispatch; a rejection needs a reason, which the resident will read.',
    accept: 'Accept for dispatch', reason: 'Reason for rejecting', reject: 'Reject', reasonNeeded: 'A rejection needs a reason.',
    accepted: 'Accepted for dispatch.', rejected: 'Rejected.',
  },
  dispatch: {
    title: 'Dispatch', again: 'Dispatch again', offeredTo: 'Offered to: {ids}', reload: 'Match again', candidates: 'Suggested volunteers (best first)',
    reach: { RADIUS: 'Reach: within {km} km', SUBTREE: 'Reach: the responsible unit and below' }, widened: 'Widened: {how}',
    none: 'No volunteer matched.', pick: 'Pick', volunteer: 'Volunteer', why: 'Why this score', pickOne: 'Pick volunteer {id}',
    team: 'Or dispatch to a team', noTeam: 'No team', send: 'Dispatch', sendAgain: 'Dispatch again',
    chooseSomeone: 'Pick at least one volunteer or a team.', done: 'Dispatched.',
  },
  cancel: { title: 'Cancel the order', reason: 'Reason (optional)', send: 'Cancel the order', done: 'The order is cancelled.' },
  score: { total: 'Score', distance: 'Distance', skill: 'Skill', fairness: 'Load fairness', rating: 'Rating', team: 'Team', km: '{km} km' },
}
