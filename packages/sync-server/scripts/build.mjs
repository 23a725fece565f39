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

const entries = { server: 'src/server.ts', 'bench-server': 'bench/bench-server.ts' }
// `node scripts/build.mjs server` builds only what `pnpm start` runs; no argument builds both.
const wanted = process.argv.slice(2)
for (const name of wanted) if (!(name in entries)) throw new Error(`build: unknown entry ${name}`)

await build({
  absWorkingDir: root,
  entryPoints: wanted.length > 0 ? Object.fromEntries(wanted.map((n) => [n, entries[n]])) : entries,
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['source'],
  external: [...external, ...external.map((d) => `${d}/*`)],
  sourcemap: 'linked',
  logLevel: 'warning',
})
