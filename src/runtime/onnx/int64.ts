import type { Int64 } from './schema.js';

/** A decoded int64 as a bigint (exact). */
export function int64ToBigInt(value: Int64): bigint {
  if (typeof value === 'number') return BigInt(Math.trunc(value));
  const bits = (BigInt(value.high >>> 0) << 32n) | BigInt(value.low >>> 0);
  return value.unsigned ? bits : BigInt.asIntN(64, bits);
}

/** A decoded int64 as a number (values beyond 2^53 lose precision, which keeps their sign and magnitude). */
export function int64ToNumber(value: Int64): number {
  if (typeof value === 'number') return value;
  return value.unsigned ? (value.high >>> 0) * 2 ** 32 + (value.low >>> 0) : value.high * 2 ** 32 + (value.low >>> 0);
}
