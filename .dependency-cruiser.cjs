// Import rules checked by `pnpm lint` (docs/architecture.md draws the layers).
//
// The PWA is layered, lowest first: platform ← worker ← shared ← store ← features ← app (main.tsx is
// the app's entry). A module may import its own layer and the ones below it, never one above; a
// feature never imports another feature (what two features share moves down into shared or store).
// No package may form an import cycle.

const src = '^packages/pwa/src/'
const layers = ['platform', 'worker', 'shared', 'store', 'features', 'app']

/** One rule per layer: nothing above it may be imported from it. */
const noUpward = layers.slice(0, -1).map((layer, i) => ({
  name: `no-upward-from-${layer}`,
  comment: `${layer} sits below ${layers.slice(i + 1).join(', ')}: it may not import them.`,
  severity: 'error',
  from: { path: `${src}${layer}/` },
  to: { path: `${src}(${layers.slice(i + 1).join('|')})/|${src}main\\.tsx$` },
}))

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'An import cycle ties modules together so neither can be read, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    ...noUpward,
    {
      name: 'no-feature-to-feature',
      comment: 'Features stay independent: move what two features share down into shared/ or store/.',
      severity: 'error',
      from: { path: `${src}features/([^/]+)/` },
      to: { path: `${src}features/`, pathNot: `${src}features/$1/` },
    },
    {
      name: 'pwa-files-in-a-layer',
      comment: 'Every PWA module belongs to one layer folder; only main.tsx and styles.css sit at the top.',
      severity: 'error',
      from: {
        path: src,
        pathNot: `${src}(${layers.join('|')})/|${src}main\\.tsx$`,
      },
      to: {},
    },
    {
      name: 'domain-imports-no-app',
      comment: 'The domain is shared by the server and the PWA: it imports neither.',
      severity: 'error',
      from: { path: '^packages/domain/' },
      to: { path: '^packages/(pwa|sync-server)/' },
    },
    {
      name: 'server-and-pwa-apart',
      comment: 'The server and the PWA meet only in the domain package.',
      severity: 'error',
      from: { path: '^packages/(pwa|sync-server)/' },
      to: { path: '^packages/(pwa|sync-server)/', pathNot: '^packages/$1/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a cycle through types still ties the files together.
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their TypeScript source, as in vite and vitest.
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'],
    },
    exclude: { path: 'node_modules|/dist/' },
  },
}
