import {
  addTo, F32, f32Load, f32x4Add, f32x4Pmax, f32x4Pmin, f32x4Mul, f32x4Splat, get, I32, i32, i32Add, i32LtS, i32Mul, i32Sub,
  loadSplat, set, V128, v128Load, v128Store, v128Zero, whileDo,
} from './wasm-assembler.js';
import type { Code, WasmFunction } from './wasm-assembler.js';

// Parameters (byte addresses and byte strides).
const A = 0, LDA = 1, B = 2, LDB = 3, C = 4, LDC = 5, M = 6, N = 7, K = 8, BCOL = 9, BCOL_STEP = 10, BROW = 11, BROW_STEP = 12, LO = 13, HI = 14;
// Locals.
const J = 15, I = 16, KK = 17, P0 = 18, PB = 22, PC = 23, M3 = 24;
const LOV = 25, HIV = 26, BC0 = 27, BC1 = 28, B0 = 29, B1 = 30, X = 31, ACC = 32, RB = 40;

/** The block of `rows` (1 or 4) rows from row I, panel J: K steps of rank-1 updates, then the epilogue. */
function block(rows: number, accumulate: boolean): Code {
  const code: Code = [];
  for (let a = 0; a < rows * 2; a++) code.push(...v128Zero, ...set(ACC + a));
  code.push(...get(A), ...get(I), ...get(LDA), ...i32Mul, ...i32Add, ...set(P0));
  for (let r = 1; r < rows; r++) code.push(...get(P0 + r - 1), ...get(LDA), ...i32Add, ...set(P0 + r));
  code.push(...get(B), ...get(J), ...i32(4), ...i32Mul, ...i32Add, ...set(PB), ...get(K), ...set(KK));
  const step: Code = [...get(PB), ...v128Load(), ...set(B0), ...get(PB), ...v128Load(16), ...set(B1)];
  for (let r = 0; r < rows; r++) {
    step.push(...get(P0 + r), ...loadSplat(), ...set(X));
    for (let h = 0; h < 2; h++) step.push(...get(ACC + 2 * r + h), ...get(X), ...get(B0 + h), ...f32x4Mul, ...f32x4Add, ...set(ACC + 2 * r + h));
  }
  for (let r = 0; r < rows; r++) step.push(...addTo(P0 + r, i32(4)));
  step.push(...addTo(PB, get(LDB)), ...get(KK), ...i32(1), ...i32Sub, ...set(KK));
  code.push(...whileDo(get(KK), step));
  // Epilogue: + column bias + row bias (+ what C holds), clamped to [lo, hi], stored.
  code.push(...get(C), ...get(I), ...get(LDC), ...i32Mul, ...i32Add, ...get(J), ...i32(4), ...i32Mul, ...i32Add, ...set(PC));
  for (let r = 0; r < rows; r++) {
    code.push(...get(BROW), ...get(I), ...(r ? [...i32(r), ...i32Add] : []), ...get(BROW_STEP), ...i32Mul, ...i32Add, ...f32Load(), ...f32x4Splat, ...set(RB));
    for (let h = 0; h < 2; h++) {
      code.push(...get(PC), ...get(ACC + 2 * r + h), ...get(BC0 + h), ...f32x4Add, ...get(RB), ...f32x4Add);
      if (accumulate) code.push(...get(PC), ...v128Load(16 * h), ...f32x4Add);
      code.push(...get(LOV), ...f32x4Pmax, ...get(HIV), ...f32x4Pmin, ...v128Store(16 * h));
    }
    code.push(...addTo(PC, get(LDC)));
  }
  return code;
}

/**
 * `name(a, lda, b, ldb, c, ldc, m, n, k, bcol, bcolStep, brow, browStep, lo, hi)`: C (m x n) = A (m x k) * B (k x n),
 * plus a bias per column (`bcol + j * bcolStep`) and per row (`brow + i * browStep`; a step of 0 at address 0
 * reads the zero block), plus C's previous contents when `accumulate`, clamped to [lo, hi] (ReLU, Clip, or
 * +-Infinity for none). Rows are contiguous floats `lda`/`ldb`/`ldc` bytes apart; `n` is a multiple of 8.
 * Loops: panels of 8 columns outside (the B panel stays in cache), 4-row blocks inside with eight f32x4
 * accumulators, then single rows.
 */
export function gemmFunction(name: string, accumulate: boolean): WasmFunction {
  const body: Code = [
    ...get(LO), ...f32x4Splat, ...set(LOV), ...get(HI), ...f32x4Splat, ...set(HIV),
    ...get(M), ...i32(3), ...i32Sub, ...set(M3),
    ...i32(0), ...set(J),
    ...whileDo([...get(J), ...get(N), ...i32LtS], [
      ...get(BCOL), ...get(J), ...get(BCOL_STEP), ...i32Mul, ...i32Add, ...set(P0),
      ...get(P0), ...v128Load(), ...set(BC0), ...get(P0), ...v128Load(16), ...set(BC1),
      ...i32(0), ...set(I),
      ...whileDo([...get(I), ...get(M3), ...i32LtS], [...block(4, accumulate), ...addTo(I, i32(4))]),
      ...whileDo([...get(I), ...get(M), ...i32LtS], [...block(1, accumulate), ...addTo(I, i32(1))]),
      ...addTo(J, i32(8)),
    ]),
  ];
  return {
    name,
    params: [...new Array<number>(13).fill(I32), F32, F32],
    locals: [...new Array<number>(10).fill(I32), ...new Array<number>(16).fill(V128)],
    body,
  };
}
