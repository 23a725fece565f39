import { ConfigProvider } from 'antd-mobile'
import enUS from 'antd-mobile/es/locales/en-US'
import zhCN from 'antd-mobile/es/locales/zh-CN'
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import './mobile-provider.css'

/**
 * antd-mobile in the user's language (its own texts: a picker's confirm and cancel). Only the phone's
 * forms import it, and they load lazily, so it is never in the rep's first-paint code.
 */
export function MobileProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation()
  return <ConfigProvider locale={i18n.language.startsWith('zh') ? zhCN : enUS}>{children}</ConfigProvider>
}
