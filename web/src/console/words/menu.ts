/* The console's words for the menu page, Chinese and English (messages.ts gives them as `console.menu.`). */
export const zh = {
  title: '服务菜单',
  lead: '居民点单时看到的服务项目。修改后发布为新版本，之后的点单按新版本办理。',
  list: {
    title: '服务项目', platform: '服务平台', allPlatforms: '全部', showRetired: '显示已下架的项目', add: '新增服务项目',
    empty: '没有符合条件的服务项目。', count: '共 {total} 项',
    columns: { code: '编号', name: '名称', platform: '服务平台', status: '状态', sla: '办理时限', actions: '操作' },
    active: '在用', retired: '已下架', edit: '修改', editOne: '修改“{name}”', retire: '下架', retireOne: '下架“{name}”',
  },
  retire: {
    title: '下架“{name}”（{code}）？',
    lead: '下架后居民不能再点这项服务；已提交的订单照常办理。下架不能撤销，这个编号以后也不能再用。',
    confirm: '确认下架', keep: '不下架', done: '“{name}”已下架。', already: '这个项目已经下架了。',
  },
  editor: {
    titleNew: '新增服务项目', titleEdit: '修改服务项目：{name}', close: '关闭', cancel: '放弃修改', save: '发布', saveNew: '发布新项目',
    restored: '已恢复您上次没有发布的修改。', changed: '这个项目刚被别人修改过，已重新载入最新内容，请在此基础上再改。',
    retiredNote: '这个项目已下架，不能再修改。', saved: '“{name}”已发布。', loading: '正在载入…', problemsTitle: '还有问题需要处理：',
    basics: '基本信息', code: '编号', codeHint: '字母、数字、点、横线或下划线，最长 32 个字符，发布后不能改。', name: '名称',
    platform: '服务平台', choose: '请选择', description: '服务说明（选填）', keywords: '搜索关键词（选填，用逗号分隔）',
    minimumSkillLevel: '志愿者最低技能等级', skillLevel: '{level} 级', expectedMinutes: '预计服务时长（分钟）', peopleNeeded: '需要志愿者人数',
    offeringUnits: '提供服务的单位：{ids}',
  },
  fields: {
    title: '居民需要填写的内容', lead: '居民点这项服务时要回答的问题，按这里的顺序显示。', empty: '没有问题：居民只填写通用的地址和说明。',
    add: '添加问题', question: '问题 {n}', code: '问题编号', codeHint: '字母、数字、点、横线或下划线', label: '问题', datatype: '填写方式',
    required: '必须回答', description: '提示（选填）', values: '选项', valueKey: '选项编号', valueName: '选项名称', addValue: '添加选项',
    removeValue: '删除选项 {n}', up: '上移问题 {n}', down: '下移问题 {n}', remove: '删除问题 {n}', moveUp: '上移', moveDown: '下移', delete: '删除',
    noSettings: '这种填写方式没有其他设置。',
    datatypes: {
      STRING: '短文字（200 字以内）', TEXT: '长文字（4000 字以内）', NUMBER: '数字', DATETIME: '日期和时间', SINGLEVALUELIST: '单选',
      MULTIVALUELIST: '多选',
    },
  },
  sla: {
    title: '办理时限', lead: '每个环节从上一环节结束起计时，超时会上报到上级单位。不填的环节用全区默认时限。',
    stages: { REVIEW: '审核', DISPATCH: '派单', ACCEPT: '接单', COMPLETE: '完成服务' },
    reopenWindow: '服务完成后可重新打开的期限', hours: '小时', minutes: '分钟', seconds: '秒',
    fallback: '不填则为 {text}', platformDefault: '平台默认 {text}',
  },
  defaults: {
    title: '全区默认时限', lead: '服务项目没有单独设置时使用。不填的环节用平台默认时限（审核 2 小时、派单 4 小时、接单 8 小时、完成 3 天，重新打开 7 天）。',
    notSet: '全区还没有设置默认时限，现在用的是平台默认值。', save: '保存默认时限', saved: '全区默认时限已保存。',
  },
  duration: { days: '{n} 天', hours: '{n} 小时', minutes: '{n} 分钟', seconds: '{n} 秒' },
  problems: {
    hours: '小时须是整数。', minutes: '分钟须是 0 到 59 的整数。', seconds: '秒须是 0 到 59 之间的数。', durationZero: '时限须大于零。',
    durationLong: '时限最长 30 天（720 小时）。', tooLong: '最多 {max} 个字。', tooMany: '最多 {max} 项。', keywordLong: '每个关键词最多 {max} 个字。',
    between: '须是 {min} 到 {max} 之间的整数。', code: '只能用字母、数字、点、横线或下划线，以字母或数字开头，最长 32 个字符。',
    codeTaken: '这个编号已经有服务项目在用（包括已下架的）。', fieldCodeTwice: '和问题 {n} 的编号重复。', noValues: '单选和多选至少要有一个选项。',
    valueKeyTwice: '选项编号重复。',
  },
}

export const en: typeof zh = {
  title: 'Service menu',
  lead: 'The services residents order. A change is published as a new version, which the orders made after it follow.',
  list: {
    title: 'Services', platform: 'Platform', allPlatforms: 'All', showRetired: 'Show retired services', add: 'Add a service',
    empty: 'No services match.', count: '{total} in all',
    columns: { code: 'Code', name: 'Name', platform: 'Platform', status: 'Status', sla: 'Time limits', actions: 'Actions' },
    active: 'Offered', retired: 'Retired', edit: 'Change', editOne: 'Change "{name}"', retire: 'Retire', retireOne: 'Retire "{name}"',
  },
  retire: {
    title: 'Retire "{name}" ({code})?',
    lead: 'Residents can no longer order it; orders already made go on as before. Retiring cannot be undone, and the code cannot be used again.',
    confirm: 'Retire it', keep: 'Keep it', done: '"{name}" is retired.', already: 'This service is retired already.',
  },
  editor: {
    titleNew: 'New service', titleEdit: 'Change the service: {name}', close: 'Close', cancel: 'Discard the changes', save: 'Publish',
    saveNew: 'Publish the new service', restored: 'Your changes that were not published yet are back.',
    changed: 'Someone changed this service meanwhile; its latest version is loaded, please make your change on it.',
    retiredNote: 'This service is retired and cannot be changed.', saved: '"{name}" is published.', loading: 'Loading…',
    problemsTitle: 'Still to put right:',
    basics: 'The service', code: 'Code', codeHint: 'Letters, digits, dot, dash or underscore, up to 32; it cannot change once published.',
    name: 'Name', platform: 'Platform', choose: 'Choose one', description: 'Description (optional)',
    keywords: 'Search words (optional, separated by commas)', minimumSkillLevel: 'Lowest skill level of the volunteers',
    skillLevel: 'level {level}', expectedMinutes: 'Expected time of service (minutes)', peopleNeeded: 'Volunteers needed',
    offeringUnits: 'Offered by the units: {ids}',
  },
  fields: {
    title: 'What residents fill in', lead: 'The questions residents answer when they order this service, in this order.',
    empty: 'No questions: residents give only the usual address and description.', add: 'Add a question', question: 'Question {n}',
    code: 'Question code', codeHint: 'Letters, digits, dot, dash or underscore', label: 'Question', datatype: 'Kind of answer',
    required: 'Must be answered', description: 'Hint (optional)', values: 'Choices', valueKey: 'Choice code', valueName: 'Choice name',
    addValue: 'Add a choice', removeValue: 'Remove choice {n}', up: 'Move question {n} up', down: 'Move question {n} down',
    remove: 'Remove question {n}', moveUp: 'Up', moveDown: 'Down', delete: 'Remove', noSettings: 'This kind of answer has no other settings.',
    datatypes: {
      STRING: 'Short text (up to 200 characters)', TEXT: 'Long text (up to 4000 characters)', NUMBER: 'Number', DATETIME: 'Date and time',
      SINGLEVALUELIST: 'One choice', MULTIVALUELIST: 'Several choices',
    },
  },
  sla: {
    title: 'Time limits', lead: 'Each stage is timed from the end of the one before; when its time runs out the request goes up to the unit above. Stages left empty take the district\'s limits.',
    stages: { REVIEW: 'Review', DISPATCH: 'Dispatch', ACCEPT: 'Acceptance', COMPLETE: 'Service done' },
    reopenWindow: 'Time to reopen after the service', hours: 'hours', minutes: 'minutes', seconds: 'seconds',
    fallback: 'Empty: {text}', platformDefault: 'platform default {text}',
  },
  defaults: {
    title: 'The district\'s time limits', lead: 'For services that set none. Stages left empty take the platform\'s limits (review 2 h, dispatch 4 h, acceptance 8 h, service 3 days, reopening 7 days).',
    notSet: 'The district has set no limits yet; the platform\'s apply.', save: 'Save the limits', saved: 'The district\'s time limits are saved.',
  },
  duration: { days: '{n} d', hours: '{n} h', minutes: '{n} min', seconds: '{n} s' },
  problems: {
    hours: 'Hours must be a whole number.', minutes: 'Minutes must be a whole number from 0 to 59.', seconds: 'Seconds must be from 0 to 59.',
    durationZero: 'A time limit must be more than zero.', durationLong: 'A time limit is at most 30 days (720 hours).',
    tooLong: 'At most {max} characters.', tooMany: 'At most {max}.', keywordLong: 'Each search word has at most {max} characters.',
    between: 'A whole number from {min} to {max}.', code: 'Letters, digits, dot, dash or underscore only, starting with a letter or digit, up to 32.',
    codeTaken: 'A service already has this code (retired ones count too).', fieldCodeTwice: 'The same code as question {n}.',
    noValues: 'One choice and several choices need at least one choice.', valueKeyTwice: 'This choice code appears twice.',
  },
}
