import { type AuditRow, auditActionLabel, auditTargetLabel, httpApi } from '@outrider/domain'
import { useCallback, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { callApi, errorKey } from '../../shared/api.ts'
import { ExportButton } from '../../shared/export-button.tsx'
import { formatInstant } from '../../shared/organisation-clock.ts'
import type { AdminUser } from './use-admin-data.ts'

const PAGE = 50
const brief = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v).slice(0, 300))

/** The audit log, newest first, a page at a time; the whole of it exports as CSV (admins). */
export default function AuditPanel({ users }: { users: AdminUser[] }) {
  const { t, i18n } = useTranslation()
  const [rows, setRows] = useState<AuditRow[]>([])
  const [more, setMore] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(
    async (beforeId?: string) => {
      try {
        const page = await callApi(httpApi.listAudit, { query: { limit: PAGE, beforeId } })
        setRows((r) => (beforeId ? [...r, ...page] : page))
        setMore(page.length === PAGE)
      } catch (err) {
        setError(t(errorKey(err)))
      }
    },
    [t],
  )
  useEffect(() => {
    void load()
  }, [load])
  const who = (r: AuditRow) =>
    r.actorId ? (users.find((u) => u.id === r.actorId)?.displayName ?? r.actorId) : t('admin.audit.cli')
  return (
    <section className="panel" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('admin.audit.title')}</h2>
      <p className="note">{t('admin.audit.help')}</p>
      <ExportButton
        url={`/api/admin/audit.csv?lang=${i18n.language.startsWith('zh') ? 'zh' : 'en'}`}
        fileName="audit-log.csv"
        label={t('admin.audit.export')}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {rows.length === 0 && !error && <p className="muted">{t('admin.audit.empty')}</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.audit.at')}</th>
                <th scope="col">{t('admin.audit.actor')}</th>
                <th scope="col">{t('admin.audit.action')}</th>
                <th scope="col">{t('admin.audit.target')}</th>
                <th scope="col">{t('admin.audit.change')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-testid="audit-row">
                  <td>{formatInstant(r.at, i18n.language)}</td>
                  <td>{who(r)}</td>
                  {/* The action in words; its stable code (what the export's code column holds) beside it. */}
                  <td data-testid="audit-action">
                    {auditActionLabel(r.action, i18n.language)} <code className="muted">{r.action}</code>
                  </td>
                  <td>
                    {auditTargetLabel(r.targetType, i18n.language)}
                    {r.targetId ? ` ${r.targetId}` : ''}
                  </td>
                  <td className="change">
                    <code>{brief(r.before)}</code> → <code>{brief(r.after)}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more && (
        <button type="button" className="secondary" onClick={() => void load(rows.at(-1)?.id)}>
          {t('admin.audit.more')}
        </button>
      )}
    </section>
  )
}
