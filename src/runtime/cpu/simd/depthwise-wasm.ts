import {
  addTo, F32, f32Load, f32x4Add, f32x4Pmax, f32x4Pmin, f32x4Mul, f32x4Splat, get, I32, i32, i32Add, i32LtS, i32Mul, evenFloats, loadSplat, oddFloats,
  set, V128, v128Load, v128Store, whileDo,
} from './wasm-assembler.js';
import type { Code, WasmFunction } from './wasm-assembler.js';

// Parameters (byte addresses and byte strides).
const X = 0, LDX = 1, W = 2, BIAS = 3, Y = 4, LDY = 5, OH = 6, OW = 7, LO = 8, HI = 9;
// Locals.
const OY = 10, O = 11, PX = 12, PY = 13, R1 = 14, R2 = 15, OW_BYTES = 16;
const LOV = 17, HIV = 18, BV = 19, WV = 20, ACC = 29, V0 = 30, V1 = 31;

/** ACC += the input vector of tap (ky, kx) times its weight. */
function tap(ky: number, kx: number, input: Code): Code {
  return [...get(ACC), ...input, ...get(WV + ky * 3 + kx), ...f32x4Mul, ...f32x4Add, ...set(ACC)];
}

/**
 * The nine taps of four output columns, the input row of tap row ky at local `[PX, R1, R2][ky]` and the columns'
 * first input at byte offset O (stride 1) or 2 * O (stride 2: input columns 2 ox + kx, split into even and odd
 * floats of two loads).
 */
function taps(stride: 1 | 2): Code {
  const code: Code = [...get(BV), ...set(ACC)];
  for (let ky = 0; ky < 3; ky++) {
    const at = [...get([PX, R1, R2][ky]), ...get(O), ...(stride === 2 ? [...get(O), ...i32Add] : []), ...i32Add];
    if (stride === 1) {
      for (let kx = 0; kx < 3; kx++) code.push(...tap(ky, kx, [...at, ...v128Load(kx * 4)]));
      continue;
    }
    code.push(...at, ...v128Load(), ...set(V0), ...at, ...v128Load(16), ...set(V1));
    code.push(...tap(ky, 0, [...get(V0), ...get(V1), ...evenFloats]), ...tap(ky, 1, [...get(V0), ...get(V1), ...oddFloats]));
    code.push(...tap(ky, 2, [...at, ...v128Load(8), ...at, ...v128Load(24), ...evenFloats]));
  }
  return code;
}

/**
 * `name(x, ldx, w, bias, y, ldy, oh, ow, lo, hi)`: one channel of a 3x3 depthwise convolution of stride `stride`,
 * `y(oy, ox) = clamp(bias + sum over ky, kx of x(stride * oy + ky, stride * ox + kx) * w(ky, kx))`, from an input
 * already padded (row `r` of `x` holds input row `r - padTop`, rows `ldx` bytes apart), four output columns per
 * f32x4; `ow` is a multiple of 4, `bias` the byte address of one float (0 reads the zero block), and each input row
 * holds `stride * ow + 2` floats.
 */
export function depthwiseFunction(name: string, stride: 1 | 2): WasmFunction {
  const body: Code = [
    ...get(LO), ...f32x4Splat, ...set(LOV), ...get(HI), ...f32x4Splat, ...set(HIV),
    ...get(BIAS), ...f32Load(), ...f32x4Splat, ...set(BV),
    ...[0, 1, 2, 3, 4, 5, 6, 7, 8].flatMap((t) => [...get(W), ...loadSplat(t * 4), ...set(WV + t)]),
    ...get(OW), ...i32(4), ...i32Mul, ...set(OW_BYTES),
    ...get(X), ...set(PX), ...get(Y), ...set(PY), ...i32(0), ...set(OY),
    ...whileDo([...get(OY), ...get(OH), ...i32LtS], [
      ...get(PX), ...get(LDX), ...i32Add, ...set(R1), ...get(R1), ...get(LDX), ...i32Add, ...set(R2),
      ...i32(0), ...set(O),
      ...whileDo([...get(O), ...get(OW_BYTES), ...i32LtS], [
        ...taps(stride),
        ...get(PY), ...get(O), ...i32Add, ...get(ACC), ...get(LOV), ...f32x4Pmax, ...get(HIV), ...f32x4Pmin, ...v128Store(),
        ...addTo(O, i32(16)),
      ]),
      ...addTo(PX, [...get(LDX), ...i32(stride), ...i32Mul]), ...addTo(PY, get(LDY)), ...addTo(OY, i32(1)),
    ]),
  ];
  return {
    name,
    params: [I32, I32, I32, I32, I32, I32, I32, I32, F32, F32],
    locals: [...new Array<number>(7).fill(I32), ...new Array<number>(15).fill(V128)],
    body,
  };
}
