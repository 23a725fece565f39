// Test support for the domain's users (`@outrider/domain/testing`): never imported by app code.

export { complaintEdit, recordedComplaint } from './complaints.ts'
export { DEFAULT_FUZZ_SEED, fuzzSeed, useFuzzSeed } from './fuzz-seed.ts'
