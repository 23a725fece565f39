import type { Task } from '@outrider/domain'

export type TaskGroups<T extends Pick<Task, 'due'>> = { overdue: T[]; today: T[]; upcoming: T[] }

/** Open tasks by due date relative to `today` (YYYY-MM-DD), earliest first within each group. */
export function groupTasks<T extends Pick<Task, 'due'>>(tasks: readonly T[], today: string): TaskGroups<T> {
  const sorted = [...tasks].sort((a, b) => a.due.localeCompare(b.due))
  return {
    overdue: sorted.filter((t) => t.due < today),
    today: sorted.filter((t) => t.due === today),
    upcoming: sorted.filter((t) => t.due > today),
  }
}
