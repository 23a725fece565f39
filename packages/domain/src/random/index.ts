export { createRng, deriveRng, type Rng } from './seeded-random.ts'
