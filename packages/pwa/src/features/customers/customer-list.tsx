import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useOutrider } from '../../app/outrider-context.tsx'

type Row = { id: string; name: string; city: string; address: string; phone?: string; searchKeys?: string[] }

export default function CustomerList() {
  const { t } = useTranslation()
  const { db } = useOutrider()
  const [all, setAll] = useState<Row[] | null>(null)
  const [q, setQ] = useState('')
  useEffect(() => {
    const sub = db.customers.find({ selector: { deleted: { $ne: true } } }).$.subscribe((docs) => {
      setAll(
        docs.map((d) => d.toJSON() as unknown as Row).sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')),
      )
    })
    return () => sub.unsubscribe()
  }, [db])
  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase()
    if (!all || !needle) return all ?? []
    return all.filter(
      (c) =>
        c.name.toLowerCase().includes(needle) ||
        c.address.toLowerCase().includes(needle) ||
        (c.phone ?? '').replace(/\D/g, '').includes(needle.replace(/\D/g, '') || '\u0000') ||
        (c.searchKeys ?? []).some((k) => k.toLowerCase().includes(needle)),
    )
  }, [all, q])
  const parent = useRef<HTMLDivElement>(null)
  const virtual = useVirtualizer({
    count: rows.length,
    getScrollElement: () => parent.current,
    estimateSize: () => 64,
    overscan: 8,
  })

  return (
    <section className="customers" aria-labelledby="customers-title">
      <h1 id="customers-title">{t('customers.title')}</h1>
      <input
        type="search"
        className="search"
        aria-label={t('customers.search')}
        placeholder={t('customers.search')}
        value={q}
        onChange={(e) => setQ(e.target.value)}
      />
      {all && (
        <p className="muted" data-testid="customer-count">
          {t('customers.count', { count: rows.length })}
        </p>
      )}
      {all && all.length === 0 && <p>{t('customers.empty')}</p>}
      <div ref={parent} className="vlist" data-testid="customer-list">
        <ul style={{ height: virtual.getTotalSize() }}>
          {virtual.getVirtualItems().map((item) => {
            const c = rows[item.index]!
            return (
              <li
                key={c.id}
                className="vrow"
                style={{ transform: `translateY(${item.start}px)` }}
                data-testid="customer-row"
              >
                <span className="name">{c.name}</span>
                <span className="sub">
                  {c.city} · {c.address}
                </span>
              </li>
            )
          })}
        </ul>
      </div>
    </section>
  )
}
