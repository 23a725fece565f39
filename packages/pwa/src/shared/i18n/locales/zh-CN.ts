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
    admin: '人员',
    complaints: '投诉',
  },
  forms: {
    min: '不能小于 {{min}}',
    max: '不能大于 {{max}}',
    number: '请输入数字',
    whole: '请输入整数',
    required: '此项必填',
    tooLong: '最多 {{max}} 个字',
    invalid: '此值不允许',
    field: '{{field}}：{{problem}}',
    fixBelow: '有字段需要修改，请看字段旁的提示。',
  },
  login: {
    title: '登录',
    email: '邮箱',
    password: '密码',
    submit: '登录',
    failed: '登录失败：{{message}}',
    offline: '当前离线。首次登录需要联网，之后可离线使用。',
    again: '登录已失效，请重新登录：未同步的数据已保留，登录后会自动上传。',
    errors: {
      E_UNAUTHENTICATED: '邮箱或密码不正确。',
      E_RATE_LIMITED: '尝试次数过多，请稍等一分钟再试。',
      E_VALIDATION: '请填写邮箱和密码。',
      other: '服务器暂时无法登录（错误代码 {{code}}），请稍后再试。',
    },
  },
  customers: {
    title: '客户',
    search: '搜索名称、拼音、首字母、电话、地址',
    count: '共 {{count}} 位客户',
    empty: '暂无客户，首次同步后显示。',
    noMatch: '没有匹配的客户。',
  },
  classification: {
    server:
      '等级、分群与评分按{{population}}的统一阈值计算（{{date}}，共 {{count}} 位客户，第 {{version}} 版），各页面与导出一致。',
    device:
      '尚未收到服务器的阈值：等级、分群与评分暂按本机的 {{count}} 位客户计算，下次同步前可能与其他页面不同。',
    organisation: '全公司',
    team: '本团队',
  },
  update: { available: '新版本已就绪。', reload: '立即刷新', later: '稍后' },
}
