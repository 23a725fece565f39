import { beforeAll, describe, expect, it } from 'vitest'
import { stores, visitDoc } from '../testing/index.ts'
import { supervisorApi } from './supervisor-fixtures.ts'

describe.each(stores)('supervisor API on $name', ({ fresh }) => {
  const { env, tokenFor, api, device } = supervisorApi(fresh)

  // What the exports show was done before them: a visit approved, a duplicate customer merged away.
  beforeAll(async () => {
    const approved = await api('sa', 'POST', '/api/visits/v-c-a1-1/review', { status: 'approved' })
    expect(approved.status).toBe(200)
    const merged = await api('sa', 'POST', '/api/customers/merge', {
      survivorId: 'c-a1-3',
      duplicateId: 'c-a2-3',
    })
    expect(merged.status).toBe(200)
  })

  describe('CSV exports', () => {
    it('visits: BOM, CRLF, Chinese headers by default, the supervisor’s team only', async () => {
      const res = await api('sa', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31')
      expect(res.status).toBe(200)
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename=/)
      const bytes = new Uint8Array(
        await (
          await fetch(`${env.baseUrl}/api/export/visits.csv?from=2026-01-01&to=2026-01-31`, {
            headers: { authorization: `Bearer ${await tokenFor('sa')}` },
          })
        ).arrayBuffer(),
      )
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const lines = res.text.replace(/^\uFEFF/, '').split('\r\n')
      expect(lines[0]).toMatch(/^拜访日期,签到时间,/)
      expect(res.text).not.toMatch(/[^\r]\n/)
      expect(res.text).toContain('已通过')
      expect(res.text).not.toContain('c-b1')
      // The UI sends `lang=zh` / `lang=en` and may leave out the dates (everything up to today).
      const all = await api('sa', 'GET', '/api/export/visits.csv?lang=zh')
      expect([all.status, all.text.replace(/^\uFEFF/, '').startsWith('拜访日期,')]).toEqual([200, true])
      expect(all.text.split('\r\n').length).toBeGreaterThanOrEqual(lines.length)
      const en = await api('admin', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31&lang=en')
      expect(en.text.replace(/^\uFEFF/, '').startsWith('Date,Check-in,')).toBe(true)
      expect(en.text).toContain('客户 c-b1-1')
      expect((await api('a1', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31')).status).toBe(
        403,
      )
      expect((await api('sa', 'GET', '/api/export/visits.csv?from=2026-02-01&to=2026-01-01')).status).toBe(
        400,
      )
    })

    it('segments: one line per team customer with tier, segment and lifecycle', async () => {
      const res = await api('sa', 'GET', '/api/export/segments.csv')
      expect(res.status).toBe(200)
      const lines = res.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n')
      expect(lines[0]).toBe(
        '客户编号,客户名称,负责人,价值等级,RFM 分群,生命周期,客户评分,最近购买（天前）,购买次数,消费金额,标签,分群代码,生命周期代码,标签代码',
      )
      // Without `lang`, the browser's language decides.
      const english = await fetch(`${env.baseUrl}/api/export/segments.csv`, {
        headers: {
          authorization: `Bearer ${await tokenFor('sa')}`,
          'accept-language': 'en-US,en;q=0.9,zh;q=0.8',
        },
      })
      expect((await english.text()).replace(/^\uFEFF/, '').startsWith('Customer ID,Customer,')).toBe(true)
      const ids = lines.slice(1).map((l) => l.split(',')[0])
      expect(ids).toContain('c-a1-1')
      expect(ids.some((id) => id?.startsWith('c-b1'))).toBe(false)
      expect(ids).not.toContain('c-a2-3') // merged away
      expect((await api('a1', 'GET', '/api/export/segments.csv')).status).toBe(403)
    })

    it('visits: the latest revision is chosen before the date window, with its revision, time, reason and cancellation', async () => {
      const T1 = '2026-02-03T02:00:00.000Z'
      // The supervisor moves one visit's check-in into February and cancels another: two corrections.
      const moved = visitDoc('v-c-a1-2-r2', 'c-a1-2', {
        revisionOf: 'v-c-a1-2',
        revision: 2,
        checkInAt: T1,
        checkOutAt: '2026-02-03T02:30:00.000Z',
        reason: '日期填错',
        createdAt: '2026-02-04T01:00:00.000Z',
        updatedAt: '2026-02-04T01:00:00.000Z',
      })
      const cancelled = visitDoc('v-c-a1-3-r2', 'c-a1-3', {
        revisionOf: 'v-c-a1-3',
        revision: 2,
        cancelled: true,
        reason: '重复记录',
        orderLines: [{ productId: 'p-1', name: '矿泉水', quantity: 2, unitPrice: 5 }],
        createdAt: '2026-01-20T01:00:00.000Z',
        updatedAt: '2026-01-20T01:00:00.000Z',
      })
      const d = await device('sa')
      const reply = await d.push(
        'visits',
        [moved, cancelled].map((doc) => ({ newDocumentState: doc, assumedMasterState: null })),
      )
      d.close()
      expect(reply).toMatchObject({ applied: 2 })
      const rows = async (from: string, to: string) => {
        const res = await api('sa', 'GET', `/api/export/visits.csv?from=${from}&to=${to}&lang=en`)
        expect(res.status).toBe(200)
        const [head, ...lines] = res.text
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n')
        const fields = (head ?? '').split(',')
        return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [fields[i], v])))
      }
      const january = await rows('2026-01-01', '2026-01-31')
      // Its latest revision is in February: January no longer shows the old check-in.
      expect(january.map((r) => r['Visit ID'])).not.toContain('v-c-a1-2')
      const gone = january.find((r) => r['Visit ID'] === 'v-c-a1-3')
      expect(gone).toMatchObject({
        Revision: '2',
        'Revised at': '2026-01-20 09:00',
        'Correction reason': '重复记录',
        Cancelled: 'Yes',
        'Order total': '0',
      })
      expect(january.find((r) => r['Visit ID'] === 'v-c-a1-1')).toMatchObject({
        Revision: '1',
        'Revised at': '',
        'Correction reason': '',
        Cancelled: 'No',
      })
      const february = await rows('2026-02-01', '2026-02-28')
      expect(february.find((r) => r['Visit ID'] === 'v-c-a1-2')).toMatchObject({
        Date: '2026-02-03',
        Revision: '2',
        'Revised at': '2026-02-04 09:00',
        'Correction reason': '日期填错',
        Cancelled: 'No',
      })
      const zh = await api('sa', 'GET', '/api/export/visits.csv?from=2026-01-01&to=2026-01-31&lang=zh')
      expect(zh.text.split('\r\n')[0]).toContain(',版本,更正时间,更正原因,已作废,')
    })
  })
})
