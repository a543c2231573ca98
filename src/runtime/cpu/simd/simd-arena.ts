import { copyRowsFunction, gatherFunction } from './copy-wasm.js';
import { depthwiseFunction } from './depthwise-wasm.js';
import { gemmFunction } from './gemm-wasm.js';
import { maxPool2x2Function } from './pool-wasm.js';
import { buildModule } from './wasm-assembler.js';

/** The GEMM entry points (see gemmFunction). */
type GemmFn = (a: number, lda: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, k: number,
  bcol: number, bcolStep: number, brow: number, browStep: number, lo: number, hi: number) => void;
/** The depthwise 3x3 entry points (see depthwiseFunction). */
type DepthwiseFn = (x: number, ldx: number, w: number, bias: number, y: number, ldy: number, oh: number, ow: number, lo: number, hi: number) => void;

/** The strided copy entry point (see copyRowsFunction). */
type CopyFn = (src: number, srcStride: number, dst: number, dstStride: number, rows: number, bytes: number) => void;
/** The 2x2 stride-2 MaxPool entry point (see maxPool2x2Function). */
type MaxPoolFn = (x: number, ldx: number, y: number, ldy: number, oh: number, owBytes: number) => void;
/** The strided gather entry point (see gatherFunction). */
type GatherFn = (src: number, srcRowStride: number, srcColStride: number, dst: number, dstRowStride: number, rows: number, cols: number) => void;

/** The kernels' exports. */
export interface SimdKernels {
  /** C = clamp(A * B + biases). */
  readonly gemm: GemmFn;
  /** C = clamp(C + A * B + biases). */
  readonly gemmAcc: GemmFn;
  /** One plane of a 3x3 stride-1 depthwise convolution over a padded input. */
  readonly depthwise3x3: DepthwiseFn;
  /** One plane of a 3x3 stride-2 depthwise convolution over a padded input. */
  readonly depthwise3x3s2: DepthwiseFn;
  /** Copies rows between strided layouts inside the memory. */
  readonly copyRows: CopyFn;
  /** Gathers floats with a row and a column stride inside the memory. */
  readonly gather: GatherFn;
  /** A 2x2 stride-2 MaxPool of rows inside the memory. */
  readonly maxPool2x2: MaxPoolFn;
}

/** Bytes at address 0 that stay zero: the bias of "no bias". */
const ZERO_BYTES = 64;

let compiled: WebAssembly.Module | null | undefined;

/** The kernels' module, compiled once per process; null where WebAssembly SIMD is unavailable. */
function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = buildModule([
      gemmFunction('gemm', false), gemmFunction('gemmAcc', true), depthwiseFunction('depthwise3x3', 1), depthwiseFunction('depthwise3x3s2', 2),
      copyRowsFunction('copyRows'), gatherFunction('gather'), maxPool2x2Function('maxPool2x2'),
    ]);
    compiled = typeof WebAssembly !== 'undefined' && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/**
 * One kernel's WebAssembly memory and instance: a fixed part (packed weights, biases) allocated at compile time
 * and a scratch part (inputs copied in, results) above it, grown on demand. Each compiled kernel owns its arena, so
 * dropping the kernel frees it.
 */
export class SimdArena {
  /** The instance's functions. */
  readonly kernels: SimdKernels;
  private readonly memory: WebAssembly.Memory;
  private view: Float32Array;
  private end = ZERO_BYTES;

  private constructor(module: WebAssembly.Module) {
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(module, { env: { memory: this.memory } });
    this.kernels = instance.exports as unknown as SimdKernels;
    this.view = new Float32Array(this.memory.buffer);
  }

  /** A new arena, or null where WebAssembly SIMD is unavailable. */
  static create(): SimdArena | null {
    const module = kernelModule();
    return module ? new SimdArena(module) : null;
  }

  /** Allocates `floats` (rounded up to 16 bytes) in the fixed part; returns the byte address. */
  allocate(floats: number): number {
    const at = this.end;
    this.end += Math.ceil(floats / 4) * 16;
    this.reserve(0);
    return at;
  }

  /** Grows the memory so that `floats` fit above the fixed part; returns the scratch's byte address. */
  reserve(floats: number): number {
    const needed = this.end + floats * 4 - this.memory.buffer.byteLength;
    if (needed > 0) this.memory.grow(Math.ceil(needed / 65536));
    return this.end;
  }

  /** The memory as floats (a fresh view after growth). */
  get f32(): Float32Array {
    if (this.view.buffer !== this.memory.buffer) this.view = new Float32Array(this.memory.buffer);
    return this.view;
  }
}
