import { describeValue, requireInteger } from '../collaborator/options.js';

/** The global `GPUDevice` type when WebGPU typings (`@webgpu/types`) are loaded, otherwise `object`. */
export type GpuDevice = typeof globalThis extends { GPUDevice: { prototype: infer T } } ? T : object;

/** The onnxruntime-web execution providers this back end can use. */
export type OnnxExecutionProvider = 'wasm' | 'webgpu';

/** Where onnxruntime-web finds its WebAssembly files: a URL prefix for all of them, or one URL per file. */
export type OnnxWasmPaths = string | { readonly wasm?: string | URL; readonly mjs?: string | URL };

/** Options of {@link createOnnxRuntimeModel}. */
export interface OnnxRuntimeModelOptions {
  /**
   * The execution providers to try, in order of preference. `'webgpu'` works in browsers with WebGPU
   * (not in Node); `'wasm'` works everywhere, Node included.
   * @default `['webgpu', 'wasm']` when `device` is given, otherwise `['wasm']` (in Node and in browsers:
   * small policies run faster on wasm than on a GPU, and the WebGPU provider's first run is slow)
   */
  readonly executionProviders?: readonly OnnxExecutionProvider[];
  /**
   * The WebGPU device for the `'webgpu'` provider (share the engine's device to keep tensors on one GPU).
   * Requires `'webgpu'` in `executionProviders`.
   * @default a device onnxruntime-web creates itself
   */
  readonly device?: GpuDevice;
  /**
   * Where onnxruntime-web loads its WebAssembly files from. In Node they are found next to onnxruntime-web
   * in `node_modules`; in browsers set this unless your bundler copies them.
   * Process-wide: it takes effect only before onnxruntime-web creates its first session.
   * @default onnxruntime-web's own location
   */
  readonly wasmPaths?: OnnxWasmPaths;
  /**
   * Threads of the wasm provider (0 lets onnxruntime-web choose; more than 1 needs cross-origin isolation in browsers).
   * Process-wide: it takes effect only before onnxruntime-web creates its first session.
   * @default onnxruntime-web's choice
   */
  readonly numThreads?: number;
}

/** {@link OnnxRuntimeModelOptions} checked and with defaults applied. */
export interface ResolvedOnnxRuntimeOptions {
  readonly executionProviders: readonly OnnxExecutionProvider[];
  readonly device?: GpuDevice;
  readonly wasmPaths?: OnnxWasmPaths;
  readonly numThreads?: number;
}

const OWNER = 'createOnnxRuntimeModel';
const PROVIDERS: readonly string[] = ['wasm', 'webgpu'];

function checkProviders(value: unknown): readonly OnnxExecutionProvider[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((p) => !PROVIDERS.includes(p)) || new Set(value).size !== value.length) {
    throw new TypeError(`${OWNER}: option 'executionProviders' must be a non-empty array of distinct 'wasm' | 'webgpu', got ${describeValue(value)}`);
  }
  return value as readonly OnnxExecutionProvider[];
}

function checkWasmPaths(value: unknown): OnnxWasmPaths {
  const isPath = (p: unknown): boolean => p === undefined || typeof p === 'string' || p instanceof URL;
  const ok = typeof value === 'string' || (typeof value === 'object' && value !== null && isPath((value as { wasm?: unknown }).wasm) && isPath((value as { mjs?: unknown }).mjs));
  if (!ok) throw new TypeError(`${OWNER}: option 'wasmPaths' must be a string or { wasm?, mjs? } of strings or URLs, got ${describeValue(value)}`);
  return value as OnnxWasmPaths;
}

/**
 * Checks the options at once and applies the defaults.
 * @throws TypeError or RangeError naming the option, what it must be and the value got
 */
export function resolveOptions(options: OnnxRuntimeModelOptions = {}): ResolvedOnnxRuntimeOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${OWNER}: options must be an object, got ${describeValue(options)}`);
  const { device, wasmPaths, numThreads } = options;
  if (device !== undefined && (typeof device !== 'object' || device === null)) {
    throw new TypeError(`${OWNER}: option 'device' must be a GPUDevice, got ${describeValue(device)}`);
  }
  const executionProviders = checkProviders(options.executionProviders ?? (device ? ['webgpu', 'wasm'] : ['wasm']));
  if (device && !executionProviders.includes('webgpu')) {
    throw new TypeError(`${OWNER}: option 'device' needs 'webgpu' in 'executionProviders', got ${describeValue(executionProviders)}`);
  }
  return {
    executionProviders,
    ...(device && { device }),
    ...(wasmPaths !== undefined && { wasmPaths: checkWasmPaths(wasmPaths) }),
    ...(numThreads !== undefined && { numThreads: requireInteger(OWNER, 'numThreads', numThreads, 0) }),
  };
}
