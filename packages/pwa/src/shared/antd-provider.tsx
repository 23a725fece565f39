import { ConfigProvider } from 'antd'
import enUS from 'antd/locale/en_US'
import zhCN from 'antd/locale/zh_CN'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

/** The app's teal, so Ant Design's controls match the rest of the screens. */
const theme = { token: { colorPrimary: '#0f766e', fontFamily: 'inherit' } }

/**
 * Ant Design in the user's language (its own texts: pagination, sorting hints, select-all). Only the
 * supervisor's console and its screens import it, so it is never in the rep's first-paint code.
 */
export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  return (
    <ConfigProvider locale={i18n.language.startsWith('zh') ? zhCN : enUS} theme={theme}>
      {children}
    </ConfigProvider>
  )
}
