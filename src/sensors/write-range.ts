import { SpecMismatchError } from '../collaborator/errors.js';

/**
 * Throws a {@link SpecMismatchError} naming the sensor unless `count` floats fit in `out` from `offset`
 * (an integer >= 0). Sensors call it at the top of `write()`.
 */
export function checkWriteRange(owner: string, name: string, count: number, out: Float32Array, offset: number): void {
  if (!Number.isInteger(offset) || offset < 0 || offset + count > out.length) {
    throw new SpecMismatchError(`${owner} '${name}': cannot write ${count} floats at offset ${offset} into a buffer of ${out.length}`);
  }
}
