import { describe, expect, it } from 'vitest'
import { groupTasks } from './group-tasks.ts'

describe('groupTasks', () => {
  it('splits open tasks into overdue, today and upcoming, earliest first', () => {
    const tasks = [{ due: '2026-03-09' }, { due: '2026-03-01' }, { due: '2026-03-02' }, { due: '2026-02-27' }]
    const g = groupTasks(tasks, '2026-03-02')
    expect(g.overdue.map((t) => t.due)).toEqual(['2026-02-27', '2026-03-01'])
    expect(g.today.map((t) => t.due)).toEqual(['2026-03-02'])
    expect(g.upcoming.map((t) => t.due)).toEqual(['2026-03-09'])
  })
})
