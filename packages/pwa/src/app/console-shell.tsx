import { Layout, Menu } from 'antd'
import type { ReactNode } from 'react'
import { NavLink, useLocation } from 'react-router'
import { AntdProvider } from '../shared/antd-provider.tsx'
import './console.css'

/**
 * The supervisor's desktop console (≥ 1024 px): the screens down a side navigation instead of the
 * phone's tab bar, the top bar and the screen beside it. Loaded on its own, only for supervisors and
 * admins on a wide window, so Ant Design never reaches a rep's phone.
 */
export default function ConsoleShell({
  tabs,
  navLabel,
  top,
  main,
}: {
  tabs: { to: string; label: string }[]
  navLabel: string
  /** Skip link, top bar, update banner and inline sign-in, in that order. */
  top: ReactNode
  main: ReactNode
}) {
  const { pathname } = useLocation()
  const selected = tabs.filter((tab) => pathname === tab.to || pathname.startsWith(`${tab.to}/`))
  return (
    <AntdProvider>
      <Layout className="console" hasSider>
        <Layout.Sider className="console-side" width={200} theme="light">
          <nav aria-label={navLabel}>
            <Menu
              mode="inline"
              selectedKeys={selected.map((tab) => tab.to)}
              items={tabs.map((tab) => ({ key: tab.to, label: <NavLink to={tab.to}>{tab.label}</NavLink> }))}
            />
          </nav>
        </Layout.Sider>
        <Layout className="console-main">
          {top}
          {main}
        </Layout>
      </Layout>
    </AntdProvider>
  )
}
