import type { Task } from '@outrider/domain'

export type TaskGroups<T extends Pick<Task, 'due'>> = { overdue: T[]; today: T[]; upcoming: T[] }

/** The device's local calendar date (tasks are due on local dates, not UTC ones). */
export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** Open tasks by due date relative to `today` (YYYY-MM-DD), earliest first within each group. */
export function groupTasks<T extends Pick<Task, 'due'>>(tasks: readonly T[], today: string): TaskGroups<T> {
  const sorted = [...tasks].sort((a, b) => a.due.localeCompare(b.due))
  return {
    overdue: sorted.filter((t) => t.due < today),
    today: sorted.filter((t) => t.due === today),
    upcoming: sorted.filter((t) => t.due > today),
  }
}
