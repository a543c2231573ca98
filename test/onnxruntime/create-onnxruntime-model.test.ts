import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { createOnnxRuntimeModel } from '../../src/onnxruntime/index.js';
import { ModelLoadError } from '../../src/runtime/errors.js';
import { rejection } from '../helpers/rejection.js';

const MODELS = new URL('../../assets/models/ml-agents/', import.meta.url);
const ballBytes = (): Uint8Array => new Uint8Array(readFileSync(new URL('3DBall.onnx', MODELS)));

describe('createOnnxRuntimeModel', () => {
  it('loads 3DBall from bytes with the session metadata', async () => {
    const model = await createOnnxRuntimeModel(ballBytes());
    try {
      expect(model.backend).to.equal('onnxruntime');
      expect(model.inputs).to.deep.equal([{ name: 'obs_0', dtype: 'float32', dims: ['batch', 8] }]);
      const outputs = Object.fromEntries(model.outputs.map((o) => [o.name, o]));
      expect(outputs['deterministic_continuous_actions']).to.deep.equal({ name: 'deterministic_continuous_actions', dtype: 'float32', dims: ['batch', 2] });
      expect(outputs['continuous_actions']?.dims).to.deep.equal(['batch', 2]);
      expect(outputs['version_number']).to.deep.equal({ name: 'version_number', dtype: 'float32', dims: [1] });
    } finally {
      model.dispose();
    }
  });

  it('accepts an ArrayBuffer and a Uint8Array view into a larger buffer', async () => {
    const bytes = ballBytes();
    const padded = new Uint8Array(bytes.length + 64);
    padded.set(bytes, 32);
    for (const source of [bytes.slice().buffer, padded.subarray(32, 32 + bytes.length)]) {
      const model = await createOnnxRuntimeModel(source);
      expect(model.inputs.map((i) => i.name)).to.deep.equal(['obs_0']);
      model.dispose();
    }
  });

  describe('errors', () => {
    it('rejects a truncated model with ModelLoadError', async () => {
      const error = await rejection(createOnnxRuntimeModel(ballBytes().subarray(0, 100)));
      expect(error).to.be.instanceOf(ModelLoadError);
      expect(error.name).to.equal('ModelLoadError');
      expect(error.message).to.match(/onnxruntime-web cannot load the model \(100 bytes\)/);
    });

    it('rejects random bytes and empty bytes with ModelLoadError', async () => {
      let seed = 12345;
      const random = new Uint8Array(4096).map(() => (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24);
      for (const bytes of [random, new Uint8Array(0)]) {
        expect(await rejection(createOnnxRuntimeModel(bytes))).to.be.instanceOf(ModelLoadError);
      }
    });

    it('rejects a file path (not a URL) with ModelLoadError that says to pass bytes', async () => {
      const error = await rejection(createOnnxRuntimeModel('/no/such/model.onnx'));
      expect(error).to.be.instanceOf(ModelLoadError);
      expect(error.message).to.contain("'/no/such/model.onnx'").and.contain('pass its bytes');
    });

    it('rejects the WebGPU provider in Node with ModelLoadError naming it', async () => {
      const error = await rejection(createOnnxRuntimeModel(ballBytes(), { executionProviders: ['webgpu'] }));
      expect(error).to.be.instanceOf(ModelLoadError);
      expect(error.message).to.contain('webgpu');
    });

    it('validates the source kind and every option at once', async () => {
      const cases: [unknown, unknown, typeof Error, RegExp][] = [
        [42, undefined, TypeError, /source must be/],
        [new Uint8Array(1), { executionProviders: [] }, TypeError, /'executionProviders'/],
        [new Uint8Array(1), { executionProviders: ['cpu'] }, TypeError, /'executionProviders'.*got \['cpu'\]/],
        [new Uint8Array(1), { executionProviders: ['wasm', 'wasm'] }, TypeError, /distinct/],
        [new Uint8Array(1), { device: {}, executionProviders: ['wasm'] }, TypeError, /'device' needs 'webgpu'/],
        [new Uint8Array(1), { device: 'gpu' }, TypeError, /'device' must be a GPUDevice/],
        [new Uint8Array(1), { numThreads: 1.5 }, RangeError, /'numThreads'.*got 1.5/],
        [new Uint8Array(1), { wasmPaths: 3 }, TypeError, /'wasmPaths'/],
      ];
      for (const [source, options, type, message] of cases) {
        const error = await rejection(createOnnxRuntimeModel(source as Uint8Array, options as never));
        expect(error, JSON.stringify(options)).to.be.instanceOf(type);
        expect(error.message).to.match(message);
      }
    });
  });
});
