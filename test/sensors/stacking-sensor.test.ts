import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { StackingSensor } from '../../src/sensors/stacking-sensor.js';
import { VectorSensor } from '../../src/sensors/vector-sensor.js';
import { BufferSensor } from '../../src/sensors/buffer-sensor.js';
import { GridSensor } from '../../src/sensors/grid-sensor.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { bytesPerCall, written } from '../helpers/sensor-checks.js';

/** A vector sensor writing [t, 10 t] where t counts its updates. */
function counter(): VectorSensor {
  let t = 0;
  return new VectorSensor({ name: 'count', size: 2, observe: (out) => { t++; out[0] = t; out[1] = 10 * t; } });
}

describe('StackingSensor', () => {
  describe('#constructor()', () => {
    it('multiplies the first axis and takes ML-Agents name', () => {
      const stacked = new StackingSensor({ sensor: counter(), count: 3 });
      expect(stacked.name).to.equal('StackingSensor_size3_count');
      expect(stacked.spec.shape).to.deep.equal([6]);
      expect(stacked.spec.modality).to.equal('vector');
      const grid = new StackingSensor({ sensor: new GridSensor({ tags: ['a', 'b'], gridSize: 3 }), count: 4, name: 'g4' });
      expect(grid.spec.kind).to.equal('visual');
      expect(grid.spec.shape).to.deep.equal([8, 3, 3]);
      expect(grid.spec.modality).to.equal('grid');
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new StackingSensor({ count: 2 } as never)).to.throw(TypeError, /'sensor'.*got undefined/);
      expect(() => new StackingSensor({ sensor: new BufferSensor({ maxCount: 2, size: 2 }), count: 2 })).to.throw(TypeError, /'sensor'.*vector or visual.*got BufferSensor/);
      expect(() => new StackingSensor({ sensor: counter(), count: 0 })).to.throw(RangeError, /'count'.*got 0/);
      expect(() => new StackingSensor({ sensor: counter(), count: 2, order: 'up' as never })).to.throw(TypeError, /'order'.*got 'up'/);
    });
  });

  describe('#write()', () => {
    it('writes the last observations oldest first (ML-Agents), zeros before enough updates', () => {
      const stacked = new StackingSensor({ sensor: counter(), count: 3 });
      expect(written(stacked)).to.deep.equal([0, 0, 0, 0, 0, 0]);
      stacked.update();
      stacked.update();
      expect(written(stacked)).to.deep.equal([0, 0, 1, 10, 2, 20]);
      stacked.update();
      stacked.update();
      expect(written(stacked)).to.deep.equal([2, 20, 3, 30, 4, 40]);
    });
    it('writes newest first on request', () => {
      const stacked = new StackingSensor({ sensor: counter(), count: 2, order: 'newest-first' });
      stacked.update();
      stacked.update();
      stacked.update();
      expect(written(stacked)).to.deep.equal([3, 30, 2, 20]);
    });
    it('throws on a short buffer and does not allocate in update() and write()', () => {
      const stacked = new StackingSensor({ sensor: counter(), count: 4 });
      expect(() => stacked.write(new Float32Array(8), 1)).to.throw(SpecMismatchError, /'StackingSensor_size4_count'/);
      const out = new Float32Array(8);
      expect(bytesPerCall(() => { stacked.update(); stacked.write(out, 0); })).to.be.below(4);
    });
  });

  describe('#reset()', () => {
    it('clears the stack and resets the wrapped sensor', () => {
      let resets = 0;
      const inner = counter();
      const original = inner.reset.bind(inner);
      inner.reset = () => { resets++; original(); };
      const stacked = new StackingSensor({ sensor: inner, count: 2 });
      stacked.update();
      stacked.reset();
      expect(written(stacked)).to.deep.equal([0, 0, 0, 0]);
      expect(resets).to.equal(1);
    });
  });

  describe('#attach() / #dispose()', () => {
    it('passes attach, detach and dispose on; dispose twice is harmless', () => {
      const engine = new NullEngine();
      const agent = new TransformNode('agent', new Scene(engine));
      const grid = new GridSensor({ tags: ['a'], gridSize: 3 });
      const stacked = new StackingSensor({ sensor: grid, count: 2 });
      stacked.attach(agent);
      stacked.update();
      stacked.detach();
      expect(() => stacked.update()).to.throw(DOMException, /attached agent/);
      stacked.dispose();
      stacked.dispose();
      expect(() => stacked.attach(agent)).to.throw(DOMException, /disposed/);
      engine.dispose();
    });
  });
});
