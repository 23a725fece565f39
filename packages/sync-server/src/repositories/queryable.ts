import type pg from 'pg'

/** The pool for a single statement, or a transaction's client: repositories take either. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient
