import { parseArgs } from 'node:util'
import { z } from 'zod'
import { temporaryEmbeddedPostgres } from '../src/db/embedded-postgres.ts'

// `pnpm soak [--seed N] [--devices N] [--seconds N] [--instances N]`: the last stdout line is the JSON
// verdict. With --instances, that many server processes behind HAProxy (docs/deployment.md's layout).
const argsSchema = z.object({
  seed: z.coerce
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .default(() => Math.floor(Math.random() * 1e6)),
  devices: z.coerce.number().int().min(3).max(200).default(20),
  seconds: z.coerce.number().min(1).max(3600).default(20),
  instances: z.coerce.number().int().min(1).max(8).optional(),
})

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    devices: { type: 'string' },
    seconds: { type: 'string' },
    instances: { type: 'string' },
  },
})
const parsed = argsSchema.safeParse(values)
if (!parsed.success) {
  process.stderr.write(
    `soak: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}\n`,
  )
  process.exit(2)
}
// Without DATABASE_URL, an embedded Postgres in a temporary directory (removed at the end).
const embedded = process.env.DATABASE_URL
  ? null
  : await temporaryEmbeddedPostgres((m) => process.stderr.write(`soak: ${m}\n`))
if (embedded) process.env.DATABASE_URL = embedded.url
// Loaded after DATABASE_URL is settled: the test databases are made on it.
const { runSoak } = await import('./run-soak.ts')

const started = Date.now()
const result = await runSoak({ ...parsed.data, log: (line) => process.stderr.write(`soak: ${line}\n`) })
for (const p of result.problems) process.stdout.write(`problem: ${p}\n`)
process.stdout.write(
  `faults ${JSON.stringify(result.faults)}; rejected (customer moved away, kept on device) ${result.rejected}; ` +
    `resurrected ${result.resurrected}; diverged devices ${result.diverged}; heal rounds ${result.healRounds}; ` +
    `${((Date.now() - started) / 1000).toFixed(1)} s\n`,
)
process.stdout.write(
  `${JSON.stringify({
    bench: 'soak',
    seed: result.seed,
    devices: result.devices,
    instances: result.instances,
    balancer: parsed.data.instances ? 'haproxy' : 'none',
    ops: result.ops,
    lost: result.lost,
    unsent: result.unsent,
    duplicated: result.duplicated,
    converged: result.converged,
  })}\n`,
)
await embedded?.stop()
process.exit(result.converged && result.lost === 0 && result.unsent === 0 && result.duplicated === 0 ? 0 : 1)
