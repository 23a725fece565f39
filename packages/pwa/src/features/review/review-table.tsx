import { Drawer, Table, type TableProps } from 'antd'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ReviewRow, ReviewSort } from './review-rows.ts'
import { FlagList } from './visit-detail.tsx'
import './review-table.css'
import { formatInstant } from '../../shared/organisation-clock.ts'

type Column = NonNullable<TableProps<ReviewRow>['columns']>[number]

/** Which column and direction shows each sort of the address (`?sort=`), and back. */
const orderOf = (sort: ReviewSort, column: 'date' | 'customer' | 'rep') =>
  column === 'date'
    ? sort === 'newest'
      ? 'descend'
      : sort === 'oldest'
        ? 'ascend'
        : null
    : sort === column
      ? 'ascend'
      : null

/**
 * The review on a desk: the filtered visits as a table, sorted by clicking a column's header (newest
 * first unless the address says otherwise), pending visits selectable for bulk approval, and one
 * visit's details in a drawer beside the table (not modal: the navigation stays usable).
 */
export default function ReviewTable({
  rows,
  nameOf,
  sort,
  onSort,
  selected,
  onSelect,
  openId,
  onOpen,
  detail,
  onClose,
}: {
  rows: ReviewRow[]
  nameOf: (id: string | null) => string
  sort: ReviewSort
  onSort: (sort: ReviewSort) => void
  selected: ReadonlySet<string>
  onSelect: (ids: ReadonlySet<string>) => void
  openId: string | null
  onOpen: (id: string) => void
  detail: ReactNode
  onClose: () => void
}) {
  const { t } = useTranslation()
  const columns = useColumns(sort, nameOf, openId, onOpen)
  const onChange: TableProps<ReviewRow>['onChange'] = (_pagination, _filters, sorter, extra) => {
    if (extra.action !== 'sort' || Array.isArray(sorter)) return
    const key = sorter.columnKey
    if (!sorter.order) onSort('newest')
    else if (key === 'date') onSort(sorter.order === 'ascend' ? 'oldest' : 'newest')
    else if (key === 'customer' || key === 'rep') onSort(key)
  }
  return (
    <>
      <Table<ReviewRow>
        className="review-table"
        data-testid="visit-list"
        aria-label={t('review.list')}
        size="middle"
        rowKey={(r) => r.visit.id}
        dataSource={rows}
        columns={columns}
        onChange={onChange}
        showSorterTooltip={false}
        pagination={{ defaultPageSize: 50, showSizeChanger: true, pageSizeOptions: [20, 50, 100] }}
        onRow={(r) =>
          ({ 'data-testid': 'visit-row', 'data-visit-id': r.visit.id }) as React.HTMLAttributes<HTMLElement>
        }
        rowSelection={{
          selectedRowKeys: [...selected],
          onChange: (keys) => onSelect(new Set(keys.map(String))),
          getCheckboxProps: (r) => ({
            disabled: (r.visit.review?.status ?? 'pending') !== 'pending',
            'aria-label': t('review.selectVisit', { name: r.customerName }),
          }),
          getTitleCheckboxProps: () => ({ 'aria-label': t('review.selectPage') }),
        }}
      />
      <Drawer
        open={openId !== null && detail !== null}
        onClose={onClose}
        closable={false}
        mask={false}
        size={560}
        styles={{ body: { padding: 16 } }}
      >
        {detail}
      </Drawer>
    </>
  )
}

/** The table's columns: customer (opens the visit), check-in, rep, outcome, review status, flags. */
function useColumns(
  sort: ReviewSort,
  nameOf: (id: string | null) => string,
  openId: string | null,
  onOpen: (id: string) => void,
): Column[] {
  const { t, i18n } = useTranslation()
  return [
    {
      key: 'customer',
      title: t('review.customer'),
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: orderOf(sort, 'customer'),
      render: (_, r) => (
        <button
          type="button"
          className="row-button link-button"
          aria-expanded={openId === r.visit.id}
          onClick={() => onOpen(r.visit.id)}
        >
          {r.customerName} {r.tier && <span className="tier">{r.tier}</span>}
        </button>
      ),
    },
    {
      key: 'date',
      title: t('review.checkIn'),
      sorter: true,
      sortDirections: ['descend', 'ascend'],
      sortOrder: orderOf(sort, 'date'),
      render: (_, r) => formatInstant(r.visit.checkInAt, i18n.language),
    },
    {
      key: 'rep',
      title: t('review.rep'),
      sorter: true,
      sortDirections: ['ascend'],
      sortOrder: orderOf(sort, 'rep'),
      render: (_, r) => nameOf(r.repId),
    },
    { key: 'outcome', title: t('review.outcome'), render: (_, r) => t(`code.outcome.${r.visit.outcome}`) },
    {
      key: 'status',
      title: t('review.status'),
      render: (_, r) => {
        const status = r.visit.review?.status ?? 'pending'
        return <span className={`review-${status}`}>{t(`code.reviewStatus.${status}`)}</span>
      },
    },
    {
      key: 'flags',
      title: t('review.flagsColumn'),
      render: (_, r) => <FlagList flags={r.check.flags} explain={false} />,
    },
  ]
}
