import type { Messages } from './en.ts'

export const zhCN: Messages = {
  app: {
    name: 'Outrider 外勤',
    loading: '加载中…',
    offline: '离线',
    online: '在线',
    standby: '由另一标签页同步',
    skipToContent: '跳到正文',
  },
  nav: {
    today: '今日',
    customers: '客户',
    tasks: '任务',
    sync: '同步',
    settings: '设置',
    review: '拜访审核',
    dashboard: '看板',
    manage: '客户管理',
  },
  login: {
    title: '登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    failed: '登录失败：{{message}}',
    offline: '当前离线。首次登录需要联网，之后可离线使用。',
    again: '登录已失效，请重新登录：未同步的数据已保留，登录后会自动上传。',
  },
  customers: {
    title: '客户',
    search: '搜索名称、拼音、首字母、电话、地址',
    count: '共 {{count}} 位客户',
    empty: '暂无客户，首次同步后显示。',
    noMatch: '没有匹配的客户。',
  },
  update: { available: '新版本已就绪。', reload: '立即刷新', later: '稍后' },
}
