/* The residents' words, Chinese and English. */
export const zh = {
  menu: { title: '服务菜单', platforms: '九大服务平台', search: '搜索服务', searchLabel: '按名称或关键词搜索服务', empty: '这个分类下暂时没有服务', minutes: '约 {n} 分钟', order: '预约' },
  form: {
    title: '预约服务', details: '服务需要了解的情况', where: '服务地点', when: '希望的时间',
    community: '社区', chooseCommunity: '请选择社区', address: '详细地址', addressHint: '楼栋、单元、门牌号',
    useLocation: '使用我手机的位置', locating: '正在获取位置…', located: '已获取位置（{lat}, {lon}）', noLocation: '没能获取位置，请选择社区并填写地址。',
    from: '最早', to: '最晚', contact: '联系电话', contactHint: '志愿者上门前联系您', description: '补充说明',
    required: '请填写“{label}”。', tooLong: '最多 {max} 个字。', number: '请填写数字。', dateTime: '请选择日期和时间。',
    choose: '请从选项中选择。', window: '最晚时间要晚于最早时间。', needPlace: '请选择社区并填写地址，或使用手机位置。',
    submit: '提交预约', submitted: '预约已提交', chooseOne: '请选择', draftKept: '已为您保留填写的内容',
  },
  orders: { title: '我的订单', empty: '还没有订单，去服务菜单预约吧', submittedAt: '{at} 提交' },
  status: {
    SUBMITTED: '待审核', REVIEWED: '待派单', REJECTED: '未通过', DISPATCHED: '已派单', ACCEPTED: '志愿者已接单', IN_SERVICE: '服务中',
    SERVED: '服务完成待确认', COMPLETED: '待评价', RATED: '已评价', CANCELLED: '已取消', EXPIRED: '已超时',
  },
  events: {
    submitted: '提交预约', reviewed: '审核通过', rejected: '审核未通过', dispatched: '已派单', declined: '志愿者无法接单，重新派单',
    accepted: '志愿者已接单', 'checked-in': '志愿者到达，开始服务', 'checked-out': '服务结束', completed: '服务完成',
    rated: '已评价', reopened: '重新打开', cancelled: '已取消', escalated: '超时未处理，已上报上级', expired: '超时关闭',
  },
  detail: {
    title: '订单详情', timeline: '进度', cancel: '取消订单', cancelReason: '取消原因', cancelConfirm: '确定取消这个订单吗？',
    rate: '评价服务', rating: '满意度（1–5 星）', solved: '问题解决了吗？', solvedYes: '已解决', solvedNo: '没有解决', comment: '评价内容',
    sendRating: '提交评价', reopen: '重新打开', reopenReason: '哪里还没解决？', sendReopen: '提交，重新服务',
    yourRating: '您的评价：{n} 星', stars: '{n} 星', answers: '填写的情况', preferred: '希望时间', done: '已完成',
  },
  activities: {
    title: '附近的活动', empty: '近期没有可报名的活动', placesLeft: '剩余名额 {n}', full: '名额已满', signUp: '报名', cancel: '取消报名',
    signedUp: '已报名', when: '时间', where: '地点', closed: '报名已截止',
  },
  signUp: {
    title: '注册', district: '所在区县', mobile: '手机号', mobileHint: '11 位手机号', sendCode: '获取验证码', resendIn: '{n} 秒后重发',
    code: '验证码', codeHint: '6 位数字', name: '姓名', password: '登录密码', passwordHint: '选填，至少 10 位；不设也可用验证码登录',
    submit: '注册', done: '注册成功，请登录', badMobile: '请填写 11 位手机号。', badCode: '请填写 6 位数字验证码。', codeSent: '验证码已发送',
  },
}
export const en: typeof zh = {
  menu: { title: 'Services', platforms: 'The nine platforms', search: 'Search services', searchLabel: 'Search services by name or keyword', empty: 'No services here yet', minutes: 'about {n} min', order: 'Order' },
  form: {
    title: 'Order a service', details: 'What the volunteers need to know', where: 'Where', when: 'Preferred time',
    community: 'Community', chooseCommunity: 'Choose your community', address: 'Address', addressHint: 'Building, unit, door number',
    useLocation: "Use my phone's location", locating: 'Finding your location…', located: 'Location found ({lat}, {lon})', noLocation: 'No location; choose your community and type the address.',
    from: 'Earliest', to: 'Latest', contact: 'Phone', contactHint: 'The volunteer calls before coming', description: 'Anything else',
    required: 'Please fill in "{label}".', tooLong: 'At most {max} characters.', number: 'Please enter a number.', dateTime: 'Please choose a date and time.',
    choose: 'Please choose from the options.', window: 'The latest time must be after the earliest.', needPlace: "Choose your community and type the address, or use your phone's location.",
    submit: 'Send the order', submitted: 'Order sent', chooseOne: 'Choose', draftKept: 'What you typed was kept',
  },
  orders: { title: 'My orders', empty: 'No orders yet; order from the services', submittedAt: 'sent {at}' },
  status: {
    SUBMITTED: 'Waiting for review', REVIEWED: 'Waiting for a volunteer', REJECTED: 'Not accepted', DISPATCHED: 'Offered to volunteers', ACCEPTED: 'A volunteer accepted', IN_SERVICE: 'In service',
    SERVED: 'Served, being confirmed', COMPLETED: 'Waiting for your rating', RATED: 'Rated', CANCELLED: 'Cancelled', EXPIRED: 'Expired',
  },
  events: {
    submitted: 'Order sent', reviewed: 'Reviewed', rejected: 'Not accepted', dispatched: 'Offered to volunteers', declined: 'A volunteer could not come; offered again',
    accepted: 'A volunteer accepted', 'checked-in': 'The volunteer arrived', 'checked-out': 'Service ended', completed: 'Completed',
    rated: 'Rated', reopened: 'Reopened', cancelled: 'Cancelled', escalated: 'Late; passed up the network', expired: 'Closed as overdue',
  },
  detail: {
    title: 'Order', timeline: 'Progress', cancel: 'Cancel the order', cancelReason: 'Why cancel?', cancelConfirm: 'Cancel this order?',
    rate: 'Rate the service', rating: 'Satisfaction (1–5 stars)', solved: 'Was it solved?', solvedYes: 'Solved', solvedNo: 'Not solved', comment: 'Comment',
    sendRating: 'Send the rating', reopen: 'Reopen', reopenReason: 'What is still not solved?', sendReopen: 'Send and reopen',
    yourRating: 'Your rating: {n} stars', stars: '{n} ★', answers: 'Your answers', preferred: 'Preferred time', done: 'Done',
  },
  activities: {
    title: 'Activities near me', empty: 'No activities to join soon', placesLeft: '{n} places left', full: 'Full', signUp: 'Sign up', cancel: 'Cancel sign-up',
    signedUp: 'Signed up', when: 'When', where: 'Where', closed: 'Sign-up closed',
  },
  signUp: {
    title: 'Sign up', district: 'District', mobile: 'Mobile number', mobileHint: '11 digits', sendCode: 'Send code', resendIn: 'again in {n} s',
    code: 'Code', codeHint: '6 digits', name: 'Name', password: 'Password', passwordHint: 'Optional, 10 or more characters; codes work too',
    submit: 'Sign up', done: 'Signed up; please log in', badMobile: 'Please enter an 11-digit mobile number.', badCode: 'Please enter the 6-digit code.', codeSent: 'Code sent',
  },
}
