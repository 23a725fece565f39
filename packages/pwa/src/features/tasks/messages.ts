import { defineMessages } from '../../shared/i18n/define-messages.ts'

export const tasksMessages = defineMessages(
  {
    title: 'Tasks',
    overdue: 'Overdue',
    today: 'Due today',
    upcoming: 'Upcoming',
    empty: 'No open tasks.',
    due: 'Due {{date}}',
    markDone: 'Mark “{{title}}” done',
    done: 'Done',
    openCustomer: 'Open customer {{name}}',
    failed: 'Could not update the task: {{message}}',
    careByTier: 'Care tasks of the team by tier',
    tier: 'Tier',
  },
  {
    title: '任务',
    overdue: '已逾期',
    today: '今天到期',
    upcoming: '即将到期',
    empty: '没有待办任务。',
    due: '截止 {{date}}',
    markDone: '将“{{title}}”标为完成',
    done: '完成',
    openCustomer: '打开客户 {{name}}',
    failed: '任务更新失败：{{message}}',
    careByTier: '团队关怀任务（按等级）',
    tier: '等级',
  },
)
