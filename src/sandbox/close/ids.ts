/* eslint-disable no-bitwise, unicorn/prefer-math-trunc -- a PRNG is 32-bit integer arithmetic */
import {randomBytes} from 'node:crypto'

export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/** Length of the base62 part of IDs this emulator mints (Close's newer object kinds use 22). */
export const ID_BODY_LENGTH = 22

/** A fresh random ID for an object created through the API: `prefix` + 22 base62 characters. */
export function newId(prefix: string): string {
  let out = prefix
  while (out.length < prefix.length + ID_BODY_LENGTH) {
    for (const byte of randomBytes(32)) {
      // 248 = 4 * 62: reject the tail so every character is equally likely.
      if (byte < 248) out += BASE62[byte % 62]
      if (out.length === prefix.length + ID_BODY_LENGTH) break
    }
  }

  return out
}

const ID_PATTERN = /^([a-z]+_)[0-9A-Za-z]+$/

/** The prefix (`lead_`, `cont_`, …) of a well-formed Close ID, or undefined. */
export function idPrefix(id: string): string | undefined {
  return ID_PATTERN.exec(id)?.[1]
}

/**
 * A small seeded PRNG (sfc32) so the demo organization is the same on every machine. Not for
 * anything secret.
 */
export class Prng {
  private a: number
  private b: number
  private c: number
  private d: number

  constructor(seed: string) {
    // xmur3-style string hash to four 32-bit words.
    let h = 1_779_033_703 ^ seed.length
    for (let i = 0; i < seed.length; i++) {
      h = Math.imul(h ^ seed.codePointAt(i)!, 3_432_918_353)
      h = (h << 13) | (h >>> 19)
    }

    const next = (): number => {
      h = Math.imul(h ^ (h >>> 16), 2_246_822_507)
      h = Math.imul(h ^ (h >>> 13), 3_266_489_909)
      h ^= h >>> 16
      return h >>> 0
    }

    this.a = next()
    this.b = next()
    this.c = next()
    this.d = next()
    for (let i = 0; i < 12; i++) this.uint32()
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p
  }

  /** A float in [0, 1). */
  float(): number {
    return this.uint32() / 4_294_967_296
  }

  /** An ID with the given prefix and a 22-character base62 body. */
  id(prefix: string): string {
    let out = prefix
    for (let i = 0; i < ID_BODY_LENGTH; i++) out += BASE62[this.uint32() % 62]
    return out
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.float() * (max - min + 1))
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.float() * items.length)]
  }

  /** Picks a value by weight: `[[value, weight], …]`. */
  weighted<T>(choices: ReadonlyArray<readonly [T, number]>): T {
    let total = 0
    for (const [, w] of choices) total += w
    let r = this.float() * total
    for (const [value, w] of choices) {
      r -= w
      if (r < 0) return value
    }

    return choices.at(-1)![0]
  }

  private uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0
    this.d = (this.d + 1) | 0
    this.a = this.b ^ (this.b >>> 9)
    this.b = (this.c + (this.c << 3)) | 0
    this.c = (this.c << 21) | (this.c >>> 11)
    this.c = (this.c + t) | 0
    return t >>> 0
  }
}
