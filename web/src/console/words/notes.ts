/* The console's words for staff notes on an order (messages.ts gives them as `console.notes.`). */
export const zh = {
  title: '工作备注',
  lead: '备注只有工作人员能看到，会记入订单的全过程记录。',
  text: '备注内容',
  send: '添加备注',
  needed: '请写下备注内容。',
  tooLong: '备注最多 {max} 个字。',
  done: '备注已添加。',
  left: '还可以写 {count} 个字',
}

export const en: typeof zh = {
  title: 'Staff notes',
  lead: 'Notes are seen by staff only and go into the order\'s history.',
  text: 'Note',
  send: 'Add the note',
  needed: 'Write the note first.',
  tooLong: 'A note has at most {max} characters.',
  done: 'The note is added.',
  left: '{count} characters left',
}
