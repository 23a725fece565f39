import { DatePicker } from 'antd'
import dayjs from 'dayjs'
import 'dayjs/locale/zh-cn'
import { useTranslation } from 'react-i18next'

/**
 * A date picker that shows the date the way the user's language writes it (2026年12月7日, Dec 7,
 * 2026) — the browser's own date field follows the computer's region and shows mm/dd/yyyy. The value
 * stays an ISO day (YYYY-MM-DD), as kept in the address.
 */
export default function DeskDate({
  id,
  value,
  onChange,
}: {
  id: string
  value: string
  onChange: (day: string) => void
}) {
  const { i18n } = useTranslation()
  const zh = i18n.language.startsWith('zh')
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : '')}
      format={zh ? 'YYYY年M月D日' : 'MMM D, YYYY'}
      allowClear
    />
  )
}
