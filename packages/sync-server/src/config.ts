import path from 'node:path'
import { z } from 'zod'
import { packageRoot } from './package-root.ts'

export const repoRoot = path.resolve(packageRoot(), '../..')

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /** Extra origins allowed to open the websocket (comma-separated); the server's own origin is always allowed. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Seconds an access token lives. */
  ACCESS_TOKEN_TTL: z.coerce
    .number()
    .int()
    .min(10)
    .default(15 * 60),
  /** Days a refresh token lives (the rep may stay offline that long and still resume without a password). */
  REFRESH_TOKEN_DAYS: z.coerce.number().int().min(1).default(30),
  SEED: z.enum(['demo', 'none']).default('demo'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Set when served behind TLS (adds HSTS). */
  TRUST_PROXY: z.stringbool().default(false),
  /** Login attempts a minute from one address (behind a trusted proxy, the client's). */
  LOGIN_IP_LIMIT: z.coerce.number().int().min(1).default(60),
  /** What one user's pulls may cost (rows read plus kilobytes sent) in a burst, then per second.
   * A rep's initial sync stays within the burst; a client pulling without end waits for its own budget. */
  PULL_COST_BURST: z.coerce.number().int().min(1).default(50_000),
  PULL_COST_PER_SEC: z.coerce.number().int().min(1).default(10_000),
  /** The origin users open the app at (e.g. `https://outrider.example.com`); when set, only it (and
   * `ALLOWED_ORIGINS`) may open the websocket, whatever `Host` a request claims. */
  PUBLIC_ORIGIN: z.string().url().optional(),
})

export type Config = {
  port: number
  host: string
  databaseUrl: string | undefined
  dataDir: string
  allowedOrigins: string[]
  accessTokenTtlSec: number
  refreshTokenDays: number
  seed: 'demo' | 'none'
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL']
  trustProxy: boolean
  loginIpLimit: number
  publicOrigin: string | undefined
  pullCostBurst: number
  pullCostPerSec: number
  /** Built PWA to serve; absent in API-only tests. */
  staticDir: string | undefined
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`invalid configuration: ${issues}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(repoRoot, e.DATA_DIR),
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    accessTokenTtlSec: e.ACCESS_TOKEN_TTL,
    refreshTokenDays: e.REFRESH_TOKEN_DAYS,
    seed: e.SEED,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    loginIpLimit: e.LOGIN_IP_LIMIT,
    publicOrigin: e.PUBLIC_ORIGIN === undefined ? undefined : new URL(e.PUBLIC_ORIGIN).origin,
    pullCostBurst: e.PULL_COST_BURST,
    pullCostPerSec: e.PULL_COST_PER_SEC,
    staticDir: path.join(repoRoot, 'packages/pwa/dist'),
  }
}
