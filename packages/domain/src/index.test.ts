import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as analytics from './analytics/index.ts'
import * as api from './api/index.ts'
import * as calendar from './calendar/index.ts'
import * as importing from './import/index.ts'
import * as root from './index.ts'
import * as merge from './merge/index.ts'
import * as model from './model/index.ts'
import * as planning from './planning/index.ts'
import * as protocol from './protocol/index.ts'
import * as random from './random/index.ts'
import * as segmentation from './segmentation/index.ts'
import * as service from './service/index.ts'
import * as text from './text/index.ts'

const areas: Record<string, Record<string, unknown>> = {
  analytics,
  api,
  calendar,
  import: importing,
  merge,
  model,
  planning,
  protocol,
  random,
  segmentation,
  service,
  text,
}
const exported = new Map(Object.entries(root))
const read = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8')

describe("the domain's public index", () => {
  it('has one index a folder, named exports only, and the package index takes each area from its index', () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
    expect(folders.sort()).toEqual([...Object.keys(areas), 'testing'].sort())
    for (const index of [...folders.map((f) => `./${f}/index.ts`), './index.ts'])
      expect(read(index), index).not.toMatch(/export \*/)
    const sources = [...read('./index.ts').matchAll(/from '([^']+)'/g)].map((m) => m[1])
    expect(sources.sort()).toEqual(Object.keys(areas).map((a) => `./${a}/index.ts`))
  })

  it.each(Object.keys(areas))('re-exports every value of %s', (area) => {
    const missing = Object.keys(areas[area]!).filter((name) => exported.get(name) !== areas[area]![name])
    expect(missing).toEqual([])
  })
})
