import type { GemmTarget, PanelPacker } from './gemm-core.js';

/**
 * The WebAssembly SIMD micro-kernel of the packed GEMM, written out as bytes (no toolchain needed):
 * `strip(a, b, k, panels, out, rowBytes)` multiplies one packed block of 4 rows of A (k x 4, at byte `a`) by
 * `panels` packed panels of B (k x 4 each, from byte `b`) and stores the 4 x (4 * panels) result rows
 * `rowBytes` apart from byte `out`. Four f32x4 accumulators, one per row of A; each step loads one row of a
 * panel and adds the product with each splatted A value.
 */
function stripModule(): Uint8Array<ArrayBuffer> {
  const A = 0, B = 1, K = 2, PANELS = 3, OUT = 4, ROW = 5, AP = 6, KK = 7, OPTR = 8, ACC = 9, BV = 13;
  const get = (i: number) => [0x20, i], set = (i: number) => [0x21, i], tee = (i: number) => [0x22, i];
  const i32 = (v: number) => [0x41, v];
  const addTo = (local: number, v: number) => [...get(local), ...i32(v), 0x6a, ...set(local)];
  const countDown = (local: number) => [...get(local), ...i32(1), 0x6b, ...tee(local)];
  const zero = [0xfd, 0x0c, ...new Array<number>(16).fill(0)];
  const store = [0xfd, 0x0b, 0x02, 0x00];
  const madd = (r: number) => [...get(ACC + r), ...get(AP), 0x2a, 0x02, r * 4, 0xfd, 0x13, ...get(BV), 0xfd, 0xe6, 0x01, 0xfd, 0xe4, 0x01, ...set(ACC + r)];
  const body = [
    0x02, 0x40, ...get(PANELS), 0x45, 0x0d, 0x00, // block: nothing to do without panels
    0x03, 0x40, // loop over panels
    ...[0, 1, 2, 3].flatMap((r) => [...zero, ...set(ACC + r)]),
    ...get(A), ...set(AP), ...get(K), ...set(KK),
    0x02, 0x40, ...get(KK), 0x45, 0x0d, 0x00, // block: k may be 0
    0x03, 0x40, // loop over k
    ...get(B), 0xfd, 0x00, 0x02, 0x00, ...set(BV),
    ...[0, 1, 2, 3].flatMap(madd),
    ...addTo(AP, 16), ...addTo(B, 16),
    ...countDown(KK), 0x0d, 0x00,
    0x0b, 0x0b,
    ...get(OUT), ...get(ACC), ...store,
    ...get(OUT), ...get(ROW), 0x6a, ...tee(OPTR), ...get(ACC + 1), ...store,
    ...get(OPTR), ...get(ROW), 0x6a, ...tee(OPTR), ...get(ACC + 2), ...store,
    ...get(OPTR), ...get(ROW), 0x6a, ...get(ACC + 3), ...store,
    ...addTo(OUT, 16),
    ...countDown(PANELS), 0x0d, 0x00,
    0x0b, 0x0b,
    0x0b,
  ];
  const locals = [0x02, 0x03, 0x7f, 0x05, 0x7b]; // 3 i32 (ap, kk, optr), 5 v128 (4 accumulators, the B row)
  const code = [locals.length + body.length, ...locals, ...body];
  const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
  const name = (s: string) => [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 6, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0x7f, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('strip'), 0x00, 0x00]),
    ...section(10, [1, ...leb(code[0]), ...code.slice(1)]),
  ]);
}

/** Unsigned LEB128. */
function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

type Strip = (a: number, b: number, k: number, panels: number, out: number, rowBytes: number) => void;

/** The instantiated kernel and its memory, or null where WebAssembly SIMD is unavailable. */
interface SimdState {
  readonly strip: Strip;
  readonly memory: WebAssembly.Memory;
  view: Float32Array;
}

let state: SimdState | null | undefined;

function instantiate(): SimdState | null {
  try {
    const bytes = stripModule();
    if (typeof WebAssembly === 'undefined' || !WebAssembly.validate(bytes)) return null;
    const memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    return { strip: instance.exports['strip'] as Strip, memory, view: new Float32Array(memory.buffer) };
  } catch {
    return null;
  }
}

/** The kernel's memory as floats, grown to hold at least `floats`. */
function reserve(s: SimdState, floats: number): Float32Array {
  const needed = floats * 4 - s.memory.buffer.byteLength;
  if (needed > 0) s.memory.grow(Math.ceil(needed / 65536));
  if (s.view.buffer !== s.memory.buffer) s.view = new Float32Array(s.memory.buffer);
  return s.view;
}

/**
 * Runs {@link gemm}'s 4-row blocks on the WebAssembly SIMD kernel: B is copied into its memory, each block of A
 * is packed there, and the 4 x N result strip is scattered into C. Leftover rows (M mod 4) are left to the
 * caller. Returns the number of rows done: 0 where WebAssembly SIMD is unavailable.
 */
export function simdGemmBlocks(M: number, N: number, K: number, packA: PanelPacker, packedB: Float32Array, c: GemmTarget): number {
  if (state === undefined) state = instantiate();
  if (state === null) return 0;
  const panels = Math.ceil(N / 4);
  const width = panels * 4;
  const aAt = packedB.length, outAt = aAt + K * 4;
  const memory = reserve(state, outAt + 4 * width);
  memory.set(packedB, 0);
  const panel = memory.subarray(aAt, aAt + K * 4);
  const { data, rowStride, colStride, accumulate } = c;
  const blocks = M - (M % 4);
  for (let i0 = 0; i0 < blocks; i0 += 4) {
    packA(panel, i0, 4);
    state.strip(aAt * 4, 0, K, panels, outAt * 4, width * 4);
    for (let r = 0; r < 4; r++) {
      let o = c.offset + (i0 + r) * rowStride;
      const from = outAt + r * width;
      if (accumulate) for (let j = 0; j < N; j++, o += colStride) data[o] += memory[from + j];
      else for (let j = 0; j < N; j++, o += colStride) data[o] = memory[from + j];
    }
  }
  return blocks;
}
