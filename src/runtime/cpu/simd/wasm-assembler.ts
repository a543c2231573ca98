/**
 * A small WebAssembly assembler: instruction encoders (the few the CPU kernels use) and a module builder for
 * functions that share one imported memory (`env.memory`). Kernels are generated as bytes at load, so nothing is
 * compiled by an outside toolchain or downloaded.
 */

/** Encoded instructions. */
export type Code = number[];

/** Value types. */
export const I32 = 0x7f;
/** 32-bit float value type. */
export const F32 = 0x7d;
/** 128-bit SIMD vector value type. */
export const V128 = 0x7b;

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

/** Signed LEB128 of a 32-bit integer. */
function sleb(value: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

const simd = (opcode: number): Code => [0xfd, ...leb(opcode)];
const memarg = (offset: number): Code => [0, ...leb(offset)];

/** Local variable access. */
export const get = (i: number): Code => [0x20, ...leb(i)];
/** Sets a local from the stack. */
export const set = (i: number): Code => [0x21, ...leb(i)];
/** `i32.const`. */
export const i32 = (v: number): Code => [0x41, ...sleb(v)];
/** i32 arithmetic and comparisons (signed). */
export const i32Add: Code = [0x6a];
/** `i32.sub`. */
export const i32Sub: Code = [0x6b];
/** `i32.mul`. */
export const i32Mul: Code = [0x6c];
/** `i32.lt_s`. */
export const i32LtS: Code = [0x48];
/** `f32.load` at the address on the stack plus `offset`. */
export const f32Load = (offset = 0): Code => [0x2a, ...memarg(offset)];
/** `f32.store` (address, value on the stack) at the address plus `offset`. */
export const f32Store = (offset = 0): Code => [0x38, ...memarg(offset)];
/** `v128.load` at the address on the stack plus `offset`. */
export const v128Load = (offset = 0): Code => [...simd(0x00), ...memarg(offset)];
/** `v128.load32_splat`: one float loaded into all four lanes. */
export const loadSplat = (offset = 0): Code => [...simd(0x09), ...memarg(offset)];
/** `v128.store` (address, value on the stack). */
export const v128Store = (offset = 0): Code => [...simd(0x0b), ...memarg(offset)];
/** `i8x16.shuffle` of the two vectors on the stack: byte i of the result is byte `lanes[i]` of their 32. */
const i8x16Shuffle = (lanes: readonly number[]): Code => [...simd(0x0d), ...lanes];
/** The floats at even positions (0, 2, 4, 6) of the eight in the two vectors on the stack. */
export const evenFloats: Code = i8x16Shuffle([0, 1, 2, 3, 8, 9, 10, 11, 16, 17, 18, 19, 24, 25, 26, 27]);
/** The floats at odd positions (1, 3, 5, 7) of the eight in the two vectors on the stack. */
export const oddFloats: Code = i8x16Shuffle([4, 5, 6, 7, 12, 13, 14, 15, 20, 21, 22, 23, 28, 29, 30, 31]);
/** `v128.const` of `value` in all four float lanes. */
export const f32x4Const = (value: number): Code => [...simd(0x0c), ...new Uint8Array(new Float32Array([value, value, value, value]).buffer)];
/** An all-zero vector. */
export const v128Zero: Code = f32x4Const(0);
/** `f32x4.splat`. */
export const f32x4Splat: Code = simd(0x13);
/** `f32x4.add`. */
export const f32x4Add: Code = simd(0xe4);
/** `f32x4.mul`. */
export const f32x4Mul: Code = simd(0xe6);
/** `f32x4.pmin(a, b)`: `b < a ? b : a` per lane (a NaN in `a` stays). */
export const f32x4Pmin: Code = simd(0xea);
/** `f32x4.pmax(a, b)`: `a < b ? b : a` per lane (a NaN in `a` stays). */
export const f32x4Pmax: Code = simd(0xeb);

/** `local += step` for an i32 local. */
export const addTo = (local: number, step: Code): Code => [...get(local), ...step, ...i32Add, ...set(local)];

/** `while (cond) body`: `cond` leaves an i32 (non-zero continues). */
export function whileDo(cond: Code, body: Code): Code {
  return [0x02, 0x40, ...cond, 0x45, 0x0d, 0x00, 0x03, 0x40, ...body, ...cond, 0x0d, 0x00, 0x0b, 0x0b];
}

/** One function of a module: its name (exported), parameter types, local types and body. */
export interface WasmFunction {
  readonly name: string;
  readonly params: readonly number[];
  readonly locals: readonly number[];
  readonly body: Code;
}

function vector(items: readonly Code[]): Code {
  return [...leb(items.length), ...items.flat()];
}

function section(id: number, bytes: Code): Code {
  return [id, ...leb(bytes.length), ...bytes];
}

function name(s: string): Code {
  return [s.length, ...Array.from(s, (ch) => ch.charCodeAt(0))];
}

/** Run-length groups of local types, as the code section wants them. */
function localGroups(types: readonly number[]): Code[] {
  const groups: Code[] = [];
  for (let i = 0; i < types.length; ) {
    let j = i;
    while (j < types.length && types[j] === types[i]) j++;
    groups.push([...leb(j - i), types[i]]);
    i = j;
  }
  return groups;
}

/** A module importing `env.memory` and exporting `functions` (no results), as bytes. */
export function buildModule(functions: readonly WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((t) => [t])), 0]);
  const bodies = functions.map((f) => {
    const code = [...vector(localGroups(f.locals)), ...f.body, 0x0b];
    return [...leb(code.length), ...code];
  });
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vector(types)),
    ...section(2, vector([[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vector(functions.map((_, i) => leb(i)))),
    ...section(7, vector(functions.map((f, i) => [...name(f.name), 0x00, ...leb(i)]))),
    ...section(10, vector(bodies)),
  ]);
}
