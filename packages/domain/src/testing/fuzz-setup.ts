import { fuzzSeed, useFuzzSeed } from './fuzz-seed.ts'

// Runs before each test file (vitest setupFiles): every property test of the run shares one seed.
useFuzzSeed(fuzzSeed())
