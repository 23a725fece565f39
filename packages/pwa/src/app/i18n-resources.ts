import { adminMessages as admin } from '../features/admin/messages.ts'
import { complaintsMessages as complaints } from '../features/complaints/messages.ts'
import { conflictsMessages as conflicts } from '../features/conflicts/messages.ts'
import { customerMessages as customer } from '../features/customer/messages.ts'
import { customersMessages as customers } from '../features/customers/messages.ts'
import { dashboardMessages as dashboard } from '../features/dashboard/messages.ts'
import { duplicatesMessages as duplicates } from '../features/duplicates/messages.ts'
import { firstRunMessages as firstRun } from '../features/first-run/messages.ts'
import { importMessages as importing } from '../features/import/messages.ts'
import { manageMessages as manage } from '../features/manage/messages.ts'
import { reviewMessages as review } from '../features/review/messages.ts'
import { serviceMessages as service } from '../features/service/messages.ts'
import { settingsMessages as settings } from '../features/settings/messages.ts'
import { syncMessages as sync } from '../features/sync/messages.ts'
import { tasksMessages as tasks } from '../features/tasks/messages.ts'
import { todayMessages as today } from '../features/today/messages.ts'
import { visitMessages as visit } from '../features/visit/messages.ts'
import { codeMessages as code } from '../shared/i18n/codes.ts'
import { en } from '../shared/i18n/locales/en.ts'
import { zhCN } from '../shared/i18n/locales/zh-CN.ts'

/**
 * All UI strings, bundled (no network). Each feature keeps its strings next to its screens
 * (`features/<name>/messages.ts`, under its own top-level key); add one line per feature here.
 */
const features: Record<string, { en: unknown; zh: unknown }> = {
  // feature message modules go here, e.g. `today,`
  visit,
  tasks,
  sync,
  settings,
  review,
  dashboard,
  manage,
  import: importing,
  firstRun,
  admin,
  conflicts,
  duplicates,
  complaints,
  today,
  customers,
  customer,
  code,
  service,
}

export const resources = {
  en: { translation: { ...en, ...Object.fromEntries(Object.entries(features).map(([k, m]) => [k, m.en])) } },
  'zh-CN': {
    translation: { ...zhCN, ...Object.fromEntries(Object.entries(features).map(([k, m]) => [k, m.zh])) },
  },
}
