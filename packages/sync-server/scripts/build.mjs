// Bundles the server (and the sync benchmark's server process) into plain JavaScript for Node, so the
// server runs without a TypeScript loader: `tsx` costs ~40 MB of memory per process (its loader runs in
// a second V8 isolate). Workspace sources (@outrider/domain) are bundled; npm dependencies stay
// external and load from node_modules as usual.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))
const external = Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter(
  (d) => !d.startsWith('@outrider/'),
)

const entries = {
  server: 'src/server.ts',
  'bench-server': 'bench/bench-server.ts',
  'abuse-server': 'bench/abuse-server.ts',
}
// `node scripts/build.mjs server` builds only what `pnpm start` runs, `cli` only `pnpm cli`; no argument
// builds the server entries.
const wanted = process.argv.slice(2)
for (const name of wanted)
  if (!(name in entries) && name !== 'cli') throw new Error(`build: unknown entry ${name}`)
const servers = wanted.filter((n) => n !== 'cli')

const common = {
  absWorkingDir: root,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  external: [...external, ...external.map((d) => `${d}/*`)],
  sourcemap: 'linked',
  logLevel: 'warning',
}

if (wanted.length === 0 || servers.length > 0) {
  await build({
    ...common,
    entryPoints: servers.length > 0 ? Object.fromEntries(servers.map((n) => [n, entries[n]])) : entries,
    outdir: 'dist',
  })
}
// The CLI in chunks: each command loads only its own code and dependencies (`segment` never loads pg).
if (wanted.includes('cli')) {
  await build({ ...common, entryPoints: { main: 'src/cli/main.ts' }, outdir: 'dist/cli', splitting: true })
}
