import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto'

// scrypt is memory-hard, built into Node, and needs no native addon. N = 2^14, r = 8, p = 5 is one of
// OWASP's equivalent scrypt settings (with 2^17/8/1, 2^16/8/2, …): 16 MiB a hash (N·r·128 bytes)
// instead of 64 MiB, the same work spread over five sequential lanes, so a login flood holds less
// memory at once. Hashes made with other settings still verify and are upgraded at the next sign-in.
const N = 2 ** 14
const r = 8
const p = 5
const KEYLEN = 32
const MAXMEM = 160 * 1024 * 1024

function derive(password: string, salt: Buffer, n: number, rr: number, pp: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, { N: n, r: rr, p: pp, maxmem: MAXMEM }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  )
}

/** `scrypt$N$r$p$salt$hash` (base64url), so parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string, cost: { N?: number } = {}): Promise<string> {
  const salt = randomBytes(16)
  const n = cost.N ?? N
  const key = await derive(password, salt, n, r, p)
  return ['scrypt', n, r, p, salt.toString('base64url'), key.toString('base64url')].join('$')
}

/** A stored hash that holds more memory per check than today's settings (re-made at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const [alg, n, rr] = stored.split('$')
  return alg === 'scrypt' && Number(n) * Number(rr) > N * r
}

/**
 * Checked against when the e-mail is unknown, with today's settings, so the time taken does not
 * reveal which e-mails exist.
 */
export const DUMMY_HASH = ['scrypt', N, r, p, 'A'.repeat(22), 'A'.repeat(43)].join('$')

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [alg, n, rr, pp, salt, hash] = stored.split('$')
  if (alg !== 'scrypt' || !n || !rr || !pp || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64url')
  const key = await derive(password, Buffer.from(salt, 'base64url'), Number(n), Number(rr), Number(pp))
  return key.length === expected.length && timingSafeEqual(key, expected)
}
