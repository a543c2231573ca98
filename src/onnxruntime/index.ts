/**
 * babylon-collaborator/onnxruntime: runs ONNX models on onnxruntime-web (wasm in Node and browsers,
 * WebGPU in browsers). onnxruntime-web is an optional peer dependency, imported only when a model is created.
 * @packageDocumentation
 */
export { createOnnxRuntimeModel } from './create-model.js';
export type { ModelSource } from '../runtime/source.js';
export type { OnnxRuntimeModelOptions, OnnxExecutionProvider, OnnxWasmPaths, GpuDevice } from './options.js';
