import { adminMessages as admin } from '../features/admin/messages.ts'
import { clustersMessages as clusters } from '../features/clusters/messages.ts'
import { complaintsMessages as complaints } from '../features/complaints/messages.ts'
import { conflictsMessages as conflicts } from '../features/conflicts/messages.ts'
import { customerMessages as customer } from '../features/customer/messages.ts'
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

/** The strings of every screen but the customer list (see i18n-resources.ts), loaded after first paint. */
export const laterMessages: Record<string, { en: unknown; zh: unknown }> = {
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
  clusters,
  today,
  customer,
  code,
  service,
}
