import { describe, expect, it } from 'vitest'
import { runSoak, type SoakResult } from './run-soak.ts'

// Short seeded soaks on real Postgres (two server instances, ≥ 20 devices, faults injected), and one
// with three server processes behind HAProxy, as docs/deployment.md lays production out.
// Seeds that once failed stay here, named after what they caught (tldraw's syncFuzz habit).
function expectNothingLost(r: SoakResult) {
  expect(r.problems).toEqual([])
  expect({
    lost: r.lost,
    unsent: r.unsent,
    duplicated: r.duplicated,
    resurrected: r.resurrected,
    converged: r.converged,
  }).toEqual({
    lost: 0,
    unsent: 0,
    duplicated: 0,
    resurrected: 0,
    converged: true,
  })
  // The run did real work under real faults, or the verdict proves nothing.
  expect(r.ops).toBeGreaterThanOrEqual(20 * 15)
  expect(r.faults.lostAck).toBeGreaterThan(0)
  expect(r.faults.kill! + r.faults.postgres!).toBeGreaterThan(0)
}

describe('soak: devices editing offline through faults converge with nothing lost', () => {
  it('seed 1 (server killed mid-push crashed the process on a checked-out connection)', async () => {
    expectNothingLost(await runSoak({ seed: 1, devices: 20, seconds: 5, minChangesPerDevice: 15 }))
  }, 90_000)

  it('seed 3 (a visit saved for a customer created while the sync ran was refused for good)', async () => {
    expectNothingLost(await runSoak({ seed: 3, devices: 20, seconds: 4, minChangesPerDevice: 15 }))
  }, 90_000)

  it('seed 7, three server processes behind HAProxy, killed and restarted behind it', async () => {
    const r = await runSoak({ seed: 7, devices: 20, seconds: 4, minChangesPerDevice: 15, instances: 3 })
    expectNothingLost(r)
    expect(r.instances).toBe(3)
    expect(r.faults.kill).toBeGreaterThan(0)
  }, 120_000)
})
