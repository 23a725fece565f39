import type { ImportKind } from '@outrider/domain'
import type pg from 'pg'
import { writeAudit } from '../people/audit-log.ts'
import { auditActorOf, type ImportActor, type ImportReport } from './import-report.ts'

/** Records an import that wrote something: who, what kind, from which source, and what it did. */
export async function auditImport(
  client: pg.PoolClient,
  actor: ImportActor,
  kind: ImportKind,
  source: string | undefined,
  report: ImportReport,
  imported: number,
): Promise<void> {
  await writeAudit(client, auditActorOf(actor), {
    action: `import.${kind}`,
    targetType: kind,
    targetId: null,
    teamId: actor.role === 'supervisor' ? actor.teamId : null,
    after: {
      ...(source ? { source } : {}),
      encoding: report.encoding,
      rows: report.rows,
      counts: report.counts,
      imported,
    },
  })
}
