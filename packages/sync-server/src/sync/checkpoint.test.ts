import { describe, expect, it } from 'vitest'
import { initialCheckpoint, NO_BOUND, nextCheckpoint } from './checkpoint.ts'

const rows = (...txids: number[]) => txids.map((t, n) => ({ txid: String(t), id: `d${n}` }))

describe('pull checkpoint', () => {
  it('a pass read in one page starts the next at the oldest transaction it could not see', () => {
    // Rows of 10, 12 and 15 seen; 11 and 14 were running, 20 is the snapshot's xmax.
    const next = nextCheckpoint(initialCheckpoint(), rows(10, 12, 15), 100, { xmax: '20', xip: ['11', '14'] })
    expect(next).toEqual({ x: '11', t: '0', i: '', sx: NO_BOUND })
  })

  it('with nothing running, the next pass starts at the snapshot’s xmax: nothing seen is sent again', () => {
    const next = nextCheckpoint({ x: '5', t: '0', i: '', sx: NO_BOUND }, rows(10, 12), 100, {
      xmax: '13',
      xip: [],
    })
    expect(next.x).toBe('13')
  })

  it('over several pages keeps the lowest transaction any page passed over while it ran', () => {
    // Page 1 covers txids 10..12 while 11 runs; page 2 covers 12..30 while 25 runs and 11 has ended.
    const p1 = nextCheckpoint(initialCheckpoint(), rows(10, 12), 2, { xmax: '15', xip: ['11', '14'] })
    expect(p1).toMatchObject({ x: '0', t: '12', i: 'd1', sx: '11' })
    const p2 = nextCheckpoint(p1, rows(14, 30), 5, { xmax: '40', xip: ['25', '35'] })
    expect(p2).toEqual({ x: '11', t: '0', i: '', sx: NO_BOUND })
  })

  it('ignores in-progress transactions outside the range a page went over', () => {
    // 5 is below the pass's start (an earlier pass covers it); 50 is beyond this page's last row.
    const p1 = nextCheckpoint({ x: '10', t: '0', i: '', sx: NO_BOUND }, rows(10, 20), 2, {
      xmax: '60',
      xip: ['5', '50'],
    })
    expect(p1.sx).toBe(NO_BOUND)
    // On the last page everything from the cursor on was passed over: 50 bounds the next pass.
    expect(nextCheckpoint(p1, rows(30), 2, { xmax: '60', xip: ['5', '50'] }).x).toBe('50')
  })

  it('a mid-pass checkpoint written by the previous rule (the pass’s first xmin) still bounds the pass', () => {
    const next = nextCheckpoint({ x: '0', t: '12', i: 'd1', sx: '9' }, rows(14), 5, { xmax: '40', xip: [] })
    expect(next.x).toBe('9')
  })
})
