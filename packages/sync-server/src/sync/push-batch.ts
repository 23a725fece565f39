import type { ChangeNotice } from './change-bus.ts'

/** A batch's documents, validated and stripped of server-owned fields, with their assumed master states. */
export type Incoming = { doc: Record<string, unknown>; ancestor: Record<string, unknown> | null }[]

/** What a pushed batch did: the conflicts to return, the rows written, and the change to announce. */
export type PushOutcome = {
  conflicts: Record<string, unknown>[]
  applied: number
  notice: ChangeNotice | null
}
