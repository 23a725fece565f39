import { describe, expect, it } from 'vitest'
import { stores } from '../testing/index.ts'
import { supervisorApi } from './supervisor-fixtures.ts'

describe.each(stores)('supervisor API on $name', ({ fresh }) => {
  const { device, api, query } = supervisorApi(fresh)

  describe('visit review', () => {
    it('a supervisor’s approval reaches the rep’s device', async () => {
      const a1 = await device('a1')
      const before = await a1.sync('visits')
      expect(before.get('v-c-a1-1')?.review).toBeUndefined()
      const res = await api('sa', 'POST', '/api/visits/v-c-a1-1/review', { status: 'approved' })
      expect(res.status).toBe(200)
      expect(res.json.review).toMatchObject({ status: 'approved', by: 'sa' })
      const after = await a1.sync('visits')
      expect(after.get('v-c-a1-1')?.review).toMatchObject({ status: 'approved', by: 'sa' })
      expect(await query("SELECT review_status FROM visits WHERE id = 'v-c-a1-1'")).toEqual([
        { review_status: 'approved' },
      ])
      const comment = await api('sa', 'POST', '/api/visits/v-c-a1-2/review', {
        status: 'commented',
        comment: '请补拍货架照片',
      })
      expect(comment.status).toBe(200)
      expect((await a1.sync('visits')).get('v-c-a1-2')?.review).toMatchObject({
        status: 'commented',
        comment: '请补拍货架照片',
      })
      a1.close()
    })

    it('approving keeps the comment; the rep replies once and the reply reaches the supervisor', async () => {
      const id = 'v-c-a1-4'
      await api('sa', 'POST', `/api/visits/${id}/review`, { status: 'commented', comment: '价格写错了' })
      const approved = await api('sa', 'POST', `/api/visits/${id}/review`, { status: 'approved' })
      expect(approved.json.review).toMatchObject({ status: 'approved', comment: '价格写错了' })
      expect((await api('a2', 'POST', `/api/visits/${id}/review/reply`, { text: '不是我的' })).status).toBe(
        403,
      )
      expect((await api('a1', 'POST', `/api/visits/${id}/review/reply`, { text: ' ' })).status).toBe(400)
      const replied = await api('a1', 'POST', `/api/visits/${id}/review/reply`, { text: '已改正' })
      expect(replied.status).toBe(200)
      const again = await api('a1', 'POST', `/api/visits/${id}/review/reply`, { text: '再说一次' })
      expect([again.status, again.json.error.message]).toEqual([
        400,
        'this review has already been replied to',
      ])
      const sa = await device('sa', 'sa-reply')
      expect((await sa.sync('visits')).get(id)?.review).toMatchObject({
        status: 'approved',
        comment: '价格写错了',
        reply: { by: 'a1', text: '已改正' },
      })
      sa.close()
      const recommented = await api('sa', 'POST', `/api/visits/${id}/review`, {
        status: 'commented',
        comment: '好的',
      })
      expect(recommented.json.review).toMatchObject({ comment: '好的', reply: { text: '已改正' } })
      expect((await api('a1', 'POST', '/api/visits/v-c-a1-3/review/reply', { text: '还没审' })).status).toBe(
        400,
      )
    })

    it('a rep, another team’s supervisor, an unknown visit and a bad status are refused', async () => {
      expect(
        (await api('a1', 'POST', '/api/visits/v-c-a1-3/review', { status: 'approved' })).json.error.code,
      ).toBe('E_FORBIDDEN')
      const other = await api('sb', 'POST', '/api/visits/v-c-a1-3/review', { status: 'approved' })
      expect([other.status, other.json.error.code]).toEqual([403, 'E_FORBIDDEN'])
      expect(
        (await api('sa', 'POST', '/api/visits/nope/review', { status: 'approved' })).json.error.code,
      ).toBe('E_NOT_FOUND')
      expect((await api('sa', 'POST', '/api/visits/v-c-a1-3/review', { status: 'rejected' })).status).toBe(
        400,
      )
      expect(await query("SELECT review_status FROM visits WHERE id = 'v-c-a1-3'")).toEqual([
        { review_status: 'pending' },
      ])
    })
  })
})
