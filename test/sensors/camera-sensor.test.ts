import { expect } from 'chai';
import type { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { CameraSensor } from '../../src/sensors/camera-sensor.js';
import { createScene, runFrames } from '../helpers/scene.js';

const SENTINEL = -3;

describe('CameraSensor', () => {
  let engine: NullEngine;
  let scene: Scene;

  beforeEach(() => {
    ({ engine, scene } = createScene());
  });

  afterEach(() => {
    scene.dispose();
    engine.dispose();
  });

  describe('constructor', () => {
    it('defaults to an 84x84 RGB image, NCHW, tagged visual', () => {
      const sensor = new CameraSensor();
      expect(sensor.name).to.equal('camera');
      expect(sensor.spec.kind).to.equal('visual');
      expect(sensor.spec.shape).to.deep.equal([3, 84, 84]);
      expect(sensor.spec.modality).to.equal('visual');
      expect(sensor.latencyFrames).to.equal(-1);
      expect(sensor.gpuBuffer).to.equal(null);
    });

    it('has one channel in grayscale', () => {
      expect(new CameraSensor({ width: 32, height: 16, grayscale: true }).spec.shape).to.deep.equal([1, 16, 32]);
    });

    for (const [options, message] of [
      [{ width: 0 }, /^RangeError: .*'width'.*\[1, 4096\], got 0$/],
      [{ height: 2.5 }, /^RangeError: .*'height'.*got 2.5$/],
      [{ grayscale: 1 }, /^TypeError: .*'grayscale'.*boolean.*got 1$/],
      [{ camera: {} }, /^TypeError: .*'camera'.*Babylon Camera/],
      [{ fov: Math.PI }, /^RangeError: .*'fov'/],
      [{ name: '' }, /^TypeError: .*'name'/],
      [{ keepOnGpu: 'yes' }, /^TypeError: .*'keepOnGpu'/],
    ] as const) {
      it(`throws naming the option for ${JSON.stringify(options)}`, () => {
        try {
          new CameraSensor(options as never);
          expect.fail('no error');
        } catch (error) {
          expect(`${(error as Error).name}: ${(error as Error).message}`).to.match(message);
        }
      });
    }
  });

  describe('on a NullEngine', () => {
    it('produces zeros and says why: the NullEngine renders nothing', async () => {
      const agent = new TransformNode('agent', scene);
      const sensor = new CameraSensor({ width: 8, height: 6 });
      sensor.attach(agent);
      expect(sensor.unavailableReason).to.match(/NullEngine renders nothing/);
      await runFrames(scene, 3);
      sensor.update();
      const out = new Float32Array(sensor.spec.size + 2).fill(SENTINEL);
      expect(sensor.write(out, 1)).to.equal(3 * 6 * 8);
      expect(out[0]).to.equal(SENTINEL);
      expect(out.at(-1)).to.equal(SENTINEL);
      expect(out.subarray(1, -1).every((v) => v === 0)).to.equal(true);
      expect(sensor.latencyFrames).to.equal(-1);
      expect(scene.customRenderTargets).to.have.length(0);
      sensor.dispose();
    });

    it("refuses 'keepOnGpu' on an engine that is not WebGPU", () => {
      const sensor = new CameraSensor({ keepOnGpu: true });
      expect(() => sensor.attach(new TransformNode('agent', scene))).to.throw(DOMException, /'keepOnGpu' needs a WebGPU engine/);
    });

    it('cannot be attached to a second agent, nor after dispose; dispose twice is harmless', () => {
      const sensor = new CameraSensor();
      sensor.attach(new TransformNode('a', scene));
      expect(() => sensor.attach(new TransformNode('b', scene))).to.throw(DOMException, /attached to 'a'/);
      sensor.dispose();
      sensor.dispose();
      expect(() => sensor.attach(new TransformNode('c', scene))).to.throw(DOMException, /disposed/);
    });
  });

  describe('#write()', () => {
    it('throws SpecMismatchError when the buffer is too small', () => {
      const sensor = new CameraSensor({ width: 4, height: 4 });
      expect(() => sensor.write(new Float32Array(10), 0)).to.throw(/cannot write 48 floats/);
    });
  });
});
