import { addTo, f32Load, f32Store, get, I32, i32, i32Sub, set, whileDo } from './wasm-assembler.js';
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

// gatherFunction's parameters (byte addresses and byte strides) and locals.
const G_SRC = 0, G_ROW_STRIDE = 1, G_COL_STRIDE = 2, G_DST = 3, G_DST_STRIDE = 4, G_ROWS = 5, G_COLS = 6, G_PS = 7, G_PD = 8, G_J = 9;

/**
 * `name(src, srcRowStride, srcColStride, dst, dstRowStride, rows, cols)`: a strided gather of floats, row r column
 * j from `src + r * srcRowStride + j * srcColStride` to `dst + r * dstRowStride + j * 4` (an im2col row of a
 * strided window over a padded plane).
 */
export function gatherFunction(name: string): WasmFunction {
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32],
    body: whileDo(get(G_ROWS), [
      ...get(G_SRC), ...set(G_PS), ...get(G_DST), ...set(G_PD), ...get(G_COLS), ...set(G_J),
      ...whileDo(get(G_J), [
        ...get(G_PD), ...get(G_PS), ...f32Load(), ...f32Store(),
        ...addTo(G_PS, get(G_COL_STRIDE)), ...addTo(G_PD, i32(4)), ...addTo(G_J, i32(-1)),
      ]),
      ...addTo(G_SRC, get(G_ROW_STRIDE)), ...addTo(G_DST, get(G_DST_STRIDE)), ...addTo(G_ROWS, i32(-1)),
    ]),
  };
}
