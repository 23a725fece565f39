export {}

// `pnpm cli <command> ...`: one entry point, one module per command, loaded on demand.
const commands: Record<string, () => Promise<{ run(args: string[]): Promise<number> }>> = {
  segment: () => import('./segment.ts'),
  plan: () => import('./plan.ts'),
  import: () => import('./import.ts'),
  backup: () => import('./backup.ts'),
  restore: () => import('./restore.ts'),
  setup: () => import('./setup.ts'),
  users: () => import('./users.ts'),
}

const [name, ...args] = process.argv.slice(2)
const load = name ? commands[name] : undefined
if (!load) {
  process.stderr.write(`usage: pnpm cli <${Object.keys(commands).join('|')}> ...\n`)
  process.exit(2)
}
const command = await load()
process.exitCode = await command.run(args)
