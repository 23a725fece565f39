import { defineMessages } from '../../shared/i18n/define-messages.ts'

export const settingsMessages = defineMessages(
  {
    title: 'Settings',
    account: 'Signed in as',
    version: 'App version',
    language: 'Language',
    storage: 'Storage on this phone',
    persist: 'Keep data even when the phone is short of space',
    persisted: 'Storage is persistent: the browser will not clear this app’s data on its own.',
    notPersisted: 'Storage is not persistent: the browser may clear data when space is low. Sync often.',
    persistUnknown: 'This browser cannot make storage persistent.',
    usage: '{{used}} used of {{quota}} available',
    usageUnknown: 'Storage use is not reported by this browser.',
    logout: 'Sign out',
    unsyncedWarning:
      'This phone still holds data that is not on the server: {{pending}} changes, {{rejected}} refused changes, {{drafts}} drafts and {{photos}} photos. Signing out leaves them behind on this phone.',
    exportFirst: 'Export them to a file first',
    confirmLogout: 'Sign out and leave them behind',
    cancel: 'Cancel',
    checking: 'Checking for unsynced data…',
  },
  {
    title: '设置',
    account: '当前登录',
    version: '应用版本',
    language: '语言',
    storage: '本机存储',
    persist: '即使手机空间不足也保留数据',
    persisted: '存储已设为持久：浏览器不会自行清除本应用的数据。',
    notPersisted: '存储不是持久的：空间不足时浏览器可能清除数据，请经常同步。',
    persistUnknown: '此浏览器不支持持久存储。',
    usage: '已用 {{used}}，可用 {{quota}}',
    usageUnknown: '此浏览器不报告存储用量。',
    logout: '退出登录',
    unsyncedWarning:
      '本机还有尚未上传到服务器的数据：{{pending}} 条更改、{{rejected}} 条被拒绝的更改、{{drafts}} 份草稿和 {{photos}} 张照片。退出登录后它们只留在这台手机上。',
    exportFirst: '先导出到文件',
    confirmLogout: '仍然退出登录',
    cancel: '取消',
    checking: '正在检查未同步的数据…',
  },
)
