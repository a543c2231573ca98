import type { NodeReader } from './node-reader.js';

/**
 * A small seedable pseudo-random generator (xoshiro128+, its state seeded through a splitmix-style hash) for the
 * random ops: the same seed gives the same sequence on every platform.
 */
export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  private spare: number | undefined;

  /** @param seed - any finite number; its 32-bit hash seeds the state */
  constructor(seed: number) {
    let x = (Math.floor(Math.abs(seed) * 1000003) ^ (seed < 0 ? 0x9e3779b9 : 0)) >>> 0;
    const next = (): number => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = next();
    this.s1 = next();
    this.s2 = next();
    this.s3 = next() | 1;
  }

  /** A uniform float in [0, 1). */
  uniform(): number {
    const result = (this.s0 + this.s3) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return (result >>> 8) / 16777216;
  }

  /** A standard normal sample (Box-Muller, the second value of each pair kept for the next call). */
  normal(): number {
    const spare = this.spare;
    if (spare !== undefined) {
      this.spare = undefined;
      return spare;
    }
    const u = 1 - this.uniform();
    const v = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  }
}

/**
 * The generator of a random op: seeded by its `seed` attribute (deterministic: a kernel compiled twice with the
 * same seed yields the same sequence of runs), or from Math.random when the node has none.
 */
export function randomFor(reader: NodeReader): Random {
  return new Random(reader.has('seed') ? reader.float('seed', 0) : Math.random() * 2 ** 32);
}
