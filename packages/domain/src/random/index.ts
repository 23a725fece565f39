export { createRng, type Rng } from './seeded-random.ts'
