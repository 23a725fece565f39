/**
 * An open-addressing hash set of byte strings, each with an integer tag (the order ids of a customer are
 * keyed by customer). Keys are copied into one arena, so a million lookups make no strings and no
 * garbage. Entries are numbered 0, 1, 2, … in order of insertion.
 */
export class ByteKeys {
  private slots = new Int32Array(1 << 12).fill(-1)
  private mask = (1 << 12) - 1
  private hashes = new Int32Array(1024)
  private tags = new Int32Array(1024)
  private starts = new Int32Array(1024)
  private lens = new Int32Array(1024)
  private arena = new Uint8Array(1 << 16)
  private used = 0
  size = 0

  /** Entry of (tag, bytes `buf[s..e)`), added when new; `added` tells which. */
  intern(buf: Uint8Array, s: number, e: number, tag: number): number {
    let h = (tag * 0x9e3779b1) | 0
    for (let i = s; i < e; i++) h = Math.imul(h ^ (buf[i] as number), 0x01000193)
    h ^= h >>> 15
    const len = e - s
    let slot = h & this.mask
    for (;;) {
      const entry = this.slots[slot] as number
      if (entry < 0) break
      if (this.hashes[entry] === h && this.tags[entry] === tag && this.lens[entry] === len) {
        const at = this.starts[entry] as number
        let k = 0
        while (k < len && this.arena[at + k] === buf[s + k]) k++
        if (k === len) {
          this.added = false
          return entry
        }
      }
      slot = (slot + 1) & this.mask
    }
    const entry = this.size++
    if (entry === this.hashes.length) this.growEntries()
    if (this.used + len > this.arena.length) {
      const bigger = new Uint8Array(Math.max(this.arena.length * 2, this.used + len))
      bigger.set(this.arena)
      this.arena = bigger
    }
    for (let k = 0; k < len; k++) this.arena[this.used + k] = buf[s + k] as number
    this.hashes[entry] = h
    this.tags[entry] = tag
    this.starts[entry] = this.used
    this.lens[entry] = len
    this.used += len
    this.slots[slot] = entry
    if (this.size * 2 > this.slots.length) this.rehash()
    this.added = true
    return entry
  }

  /** Whether the last `intern` added its key. */
  added = false

  private growEntries(): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2)
      b.set(a)
      return b
    }
    this.hashes = grow(this.hashes)
    this.tags = grow(this.tags)
    this.starts = grow(this.starts)
    this.lens = grow(this.lens)
  }

  private rehash(): void {
    const size = this.slots.length * 2
    this.slots = new Int32Array(size).fill(-1)
    this.mask = size - 1
    for (let entry = 0; entry < this.size; entry++) {
      let slot = (this.hashes[entry] as number) & this.mask
      while ((this.slots[slot] as number) >= 0) slot = (slot + 1) & this.mask
      this.slots[slot] = entry
    }
  }
}
