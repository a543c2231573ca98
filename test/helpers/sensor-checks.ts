import { expect } from 'chai';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Sensor } from '../../src/sensors/sensor.js';

/** The value sentinel-filled buffers hold where a sensor must not write. */
export const SENTINEL = 777;

/**
 * Writes `sensor` into a sentinel-filled buffer at offset 3, checks that it wrote exactly `spec.size` floats and
 * left the sentinels around them, and returns what it wrote (rounded to 1e-4, -0 as 0).
 */
export function written(sensor: Sensor): number[] {
  const n = sensor.spec.size;
  const out = new Float32Array(n + 6).fill(SENTINEL);
  expect(sensor.write(out, 3)).to.equal(n);
  expect([...out.subarray(0, 3), ...out.subarray(n + 3)]).to.deep.equal([SENTINEL, SENTINEL, SENTINEL, SENTINEL, SENTINEL, SENTINEL]);
  return Array.from(out.subarray(3, 3 + n), (v) => Math.round(v * 1e4) / 1e4 + 0);
}

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Bytes of heap that one call of `fn` leaves allocated, on average: the least of three measurements of
 * `iterations` calls without a collection in between, after a warm-up that lets the JIT settle and a full
 * collection. About 0 when `fn` does not allocate; the bytes of each object it creates otherwise.
 */
export function bytesPerCall(fn: () => void, iterations = 20000): number {
  for (let i = 0; i < 20000; i++) fn();
  let least = Infinity;
  for (let trial = 0; trial < 3; trial++) {
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < iterations; i++) fn();
    least = Math.min(least, process.memoryUsage().heapUsed - before);
  }
  return least / iterations;
}
