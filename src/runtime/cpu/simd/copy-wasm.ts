import { addTo, get, I32, i32, i32Sub, set, whileDo } from './wasm-assembler.js';
import type { WasmFunction } from './wasm-assembler.js';

// Parameters (byte addresses and byte strides).
const SRC = 0, SRC_STRIDE = 1, DST = 2, DST_STRIDE = 3, ROWS = 4, BYTES = 5;

/** `memory.copy` (destination, source, length on the stack). */
const memoryCopy = [0xfc, 0x0a, 0x00, 0x00];

/** `name(src, srcStride, dst, dstStride, rows, bytes)`: copies `rows` rows of `bytes` bytes between strided layouts. */
export function copyRowsFunction(name: string): WasmFunction {
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32],
    locals: [],
    body: whileDo(get(ROWS), [
      ...get(DST), ...get(SRC), ...get(BYTES), ...memoryCopy,
      ...addTo(SRC, get(SRC_STRIDE)), ...addTo(DST, get(DST_STRIDE)),
      ...get(ROWS), ...i32(1), ...i32Sub, ...set(ROWS),
    ]),
  };
}
