import { defineMessages } from '../../shared/i18n/define-messages.ts'

/** The supervisor's complaint list: filters, escalations and assignment. */
export const complaintsMessages = defineMessages(
  {
    title: 'Complaints',
    loading: 'Loading the team’s complaints…',
    escalated: 'Escalated: {{count}} overdue',
    escalatedNone: 'Nothing overdue.',
    status: 'Status',
    category: 'Category',
    any: 'All',
    unresolved: 'Open or in progress',
    overdueOnly: 'Overdue only',
    shown: '{{count}} complaints',
    none: 'No complaint matches.',
    customer: 'Customer: {{name}}',
    openCustomer: 'Open customer',
  },
  {
    title: '投诉处理',
    loading: '正在读取团队的投诉…',
    escalated: '已升级：{{count}} 条超时',
    escalatedNone: '没有超时的投诉。',
    status: '状态',
    category: '类别',
    any: '全部',
    unresolved: '待处理或处理中',
    overdueOnly: '只看超时',
    shown: '共 {{count}} 条投诉',
    none: '没有符合条件的投诉。',
    customer: '客户：{{name}}',
    openCustomer: '打开客户',
  },
)
