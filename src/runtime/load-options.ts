import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';
import { describeValue, requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import type { Tensor } from './tensor.js';

/** The back ends `loadModel` can be asked for; 'auto' measures the available ones and keeps the fastest. */
export type BackendChoice = 'auto' | 'cpu' | 'webgpu' | 'onnxruntime';

/** Options of {@link loadModel}. */
export interface LoadModelOptions {
  /**
   * The back end: `'cpu'` (our TypeScript kernels), `'onnxruntime'` (onnxruntime-web, imported only when chosen;
   * an optional peer dependency), `'webgpu'` (our WGSL kernels on `engine`'s or `device`'s GPU device, else
   * `navigator.gpu`'s; rejected with ModelLoadError when there is none), or
   * `'auto'`: time a few runs on each available back end at load and keep the fastest (see `model.selection`).
   * With `'auto'`, a model with operators the CPU kernels lack goes to onnxruntime when it is installed.
   * @default 'auto'
   */
  readonly backend?: BackendChoice;
  /** The Babylon engine whose GPU device the WebGPU back end shares (a WebGPUEngine; a WebGL engine shares nothing). */
  readonly engine?: AbstractEngine;
  /** A WebGPU device for GPU back ends (onnxruntime's WebGPU provider in browsers). */
  readonly device?: object;
  /**
   * The batch size `'auto'` times runs at: the model's symbolic batch dimension takes this value.
   * @default 1
   */
  readonly autoBatchSize?: number;
  /**
   * Milliseconds `'auto'` may spend timing runs, shared by the back ends (each gets one warm-up run and at least
   * one timed run whatever the budget).
   * @default 200
   */
  readonly autoBudgetMs?: number;
  /** Feeds `'auto'` times runs with, when the model's inputs have unknown dims that the batch size does not fix. */
  readonly autoFeeds?: Readonly<Record<string, Tensor>>;
  /**
   * `'webgpu'`: whether runs are answered by the CPU back end while their shapes' pipelines compile in the
   * background (the model is returned before they are compiled), or wait for the compilation. `'auto'` always
   * waits, so that it times the GPU.
   * @default true
   */
  readonly cpuWhileCompiling?: boolean;
}

/** {@link LoadModelOptions} checked, with defaults applied. */
export interface ResolvedLoadOptions {
  readonly backend: BackendChoice;
  readonly device?: object;
  readonly autoBatchSize: number;
  readonly autoBudgetMs: number;
  readonly autoFeeds?: Readonly<Record<string, Tensor>>;
  readonly cpuWhileCompiling: boolean;
}

const OWNER = 'loadModel';
const BACKENDS: readonly string[] = ['auto', 'cpu', 'webgpu', 'onnxruntime'];

/**
 * Checks the options at once and applies the defaults.
 * @throws TypeError or RangeError naming the option, what it must be and the value got
 */
export function resolveLoadOptions(options: LoadModelOptions = {}): ResolvedLoadOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError(`${OWNER}: options must be an object, got ${describeValue(options)}`);
  const backend = options.backend ?? 'auto';
  if (!BACKENDS.includes(backend)) throw new TypeError(`${OWNER}: option 'backend' must be one of 'auto', 'cpu', 'webgpu', 'onnxruntime', got ${describeValue(backend)}`);
  for (const key of ['engine', 'device', 'autoFeeds'] as const) {
    const value = options[key];
    if (value !== undefined && (typeof value !== 'object' || value === null)) throw new TypeError(`${OWNER}: option '${key}' must be an object, got ${describeValue(value)}`);
  }
  return {
    backend,
    ...(options.device && { device: options.device }),
    autoBatchSize: requireInteger(OWNER, 'autoBatchSize', options.autoBatchSize ?? 1, 1),
    autoBudgetMs: requireNumber(OWNER, 'autoBudgetMs', options.autoBudgetMs ?? 200, 0),
    ...(options.autoFeeds && { autoFeeds: options.autoFeeds }),
    cpuWhileCompiling: requireType<boolean>(OWNER, 'cpuWhileCompiling', options.cpuWhileCompiling ?? true, (v) => typeof v === 'boolean', 'a boolean'),
  };
}
