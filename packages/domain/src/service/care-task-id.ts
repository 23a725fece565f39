import type { CareRule } from '../model/task.ts'
import { fnv1a64 } from '../protocol/fnv1a-64.ts'

/**
 * The id of the care task for (customer, rule, due day): the same on every device and every run, so two
 * generators make one task, not two. Long customer ids are hashed to stay within the id limit.
 */
export function careTaskId(customerId: string, rule: CareRule, due: string): string {
  const plain = `care.${rule}.${due}.${customerId}`
  return plain.length <= 64 ? plain : `care.${rule}.${due}.h${fnv1a64(customerId)}`
}

/**
 * The clock stamp of every field of a generated task: the earliest possible, so any real edit (done,
 * rescheduled, reassigned) on any device wins over a copy generated again elsewhere, and two generated
 * copies are identical.
 */
export const GENERATED_STAMP = '0000000000000-0000-care'
