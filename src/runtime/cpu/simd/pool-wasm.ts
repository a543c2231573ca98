import { addTo, evenFloats, f32x4Const, f32x4Pmax, get, I32, i32, i32Add, i32LtS, oddFloats, set, V128, v128Load, v128Store, whileDo } from './wasm-assembler.js';
import type { Code, WasmFunction } from './wasm-assembler.js';

// Parameters (byte addresses and byte strides).
const X = 0, LDX = 1, Y = 2, LDY = 3, OH = 4, OW_BYTES = 5;
// Locals.
const OY = 6, O = 7, P0 = 8, P1 = 9, V0 = 10, V1 = 11, ACC = 12;

/** ACC = max(ACC, the even then the odd floats of the eight at `row` + 2 * O). */
function pairs(row: number): Code {
  const at = [...get(row), ...get(O), ...get(O), ...i32Add, ...i32Add];
  return [
    ...at, ...v128Load(), ...set(V0), ...at, ...v128Load(16), ...set(V1),
    ...get(ACC), ...get(V0), ...get(V1), ...evenFloats, ...f32x4Pmax, ...get(V0), ...get(V1), ...oddFloats, ...f32x4Pmax, ...set(ACC),
  ];
}

/**
 * `name(x, ldx, y, ldy, oh, owBytes)`: a 2x2 stride-2 MaxPool, `y(oy, ox) = max of x(2 oy + dy, 2 ox + dx)` taken in
 * the order (0, 0), (0, 1), (1, 0), (1, 1) from -Infinity as `v > acc ? v : acc` (NaN taps skipped), four output
 * columns per f32x4: `owBytes` is a multiple of 16 and each input row is read up to float 2 * owBytes / 4.
 */
export function maxPool2x2Function(name: string): WasmFunction {
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32],
    locals: [I32, I32, I32, I32, V128, V128, V128],
    body: [
      ...i32(0), ...set(OY),
      ...whileDo([...get(OY), ...get(OH), ...i32LtS], [
        ...get(X), ...set(P0), ...get(X), ...get(LDX), ...i32Add, ...set(P1), ...i32(0), ...set(O),
        ...whileDo([...get(O), ...get(OW_BYTES), ...i32LtS], [
          ...f32x4Const(-Infinity), ...set(ACC), ...pairs(P0), ...pairs(P1),
          ...get(Y), ...get(O), ...i32Add, ...get(ACC), ...v128Store(),
          ...addTo(O, i32(16)),
        ]),
        ...addTo(X, [...get(LDX), ...get(LDX), ...i32Add]), ...addTo(Y, get(LDY)), ...addTo(OY, i32(1)),
      ]),
    ],
  };
}
