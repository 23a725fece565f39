import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { benchDir } from '../../../bench/bench-dir.ts'
import { detectPlanFormat } from './detect-plan-format.ts'
import { parseOptw, parseSolomon, truncatedEuclidean } from './parse-optw-text.ts'

const BENCH = benchDir()

describe('OPTW text formats', () => {
  it('reads the Solomon and OPTW versions of c101 into the same instance', () => {
    const sol = parseSolomon(readFileSync(`${BENCH}/solomon/c101.txt`, 'utf8'))
    const optw = parseOptw(readFileSync(`${BENCH}/optw/c101.txt`, 'utf8'), 'c101')
    expect(sol.vertices).toHaveLength(101)
    expect(optw.vertices).toEqual(sol.vertices)
    expect(sol.vertices[0]).toMatchObject({ id: 0, close: 1236 })
    expect(sol.vertices[1]).toMatchObject({
      id: 1,
      x: 45,
      y: 68,
      profit: 10,
      open: 912,
      close: 967,
      service: 90,
    })
  })

  it('truncates travel to one decimal', () => {
    const a = { id: 0, x: 0, y: 0, service: 0, profit: 0, open: 0, close: 1 }
    expect(truncatedEuclidean(a, { ...a, x: 1, y: 1 })).toBe(1.4)
    expect(truncatedEuclidean(a, { ...a, x: 3, y: 4 })).toBe(5)
  })

  it('detects every supported format from content', () => {
    expect(detectPlanFormat(readFileSync(`${BENCH}/tsplib/eil51.tsp`, 'utf8'))).toBe('tsplib')
    expect(detectPlanFormat(readFileSync(`${BENCH}/tsplib/a280.tsp`, 'utf8'))).toBe('tsplib')
    expect(detectPlanFormat(readFileSync(`${BENCH}/solomon/r101.txt`, 'utf8'))).toBe('solomon')
    expect(detectPlanFormat(readFileSync(`${BENCH}/optw/r101.txt`, 'utf8'))).toBe('optw')
    expect(detectPlanFormat('  {"customers": []}')).toBe('day-json')
    expect(() => detectPlanFormat('hello world')).toThrow(/unrecognised/)
  })
})
