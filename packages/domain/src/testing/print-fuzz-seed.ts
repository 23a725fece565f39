import { fuzzSeed } from './fuzz-seed.ts'

/** vitest globalSetup: prints the run's property-test seed once, so any failure can be replayed. */
export default function printFuzzSeed(): void {
  console.info(`property tests: seed ${fuzzSeed()} (replay or vary with FUZZ_SEED=<integer>)`)
}
