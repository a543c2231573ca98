import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { BufferSensor } from '../../src/sensors/buffer-sensor.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { bytesPerCall, written } from '../helpers/sensor-checks.js';

describe('BufferSensor', () => {
  describe('#constructor()', () => {
    it('has a variable-length spec and a mask sensor', () => {
      const sensor = new BufferSensor({ maxCount: 4, size: 3 });
      expect(sensor.name).to.equal('entities');
      expect(sensor.spec.kind).to.equal('variableLength');
      expect(sensor.spec.shape).to.deep.equal([4, 3]);
      expect(sensor.spec.modality).to.equal('entities');
      expect(sensor.maskSensor.name).to.equal('entities_mask');
      expect(sensor.maskSensor.spec.shape).to.deep.equal([4]);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new BufferSensor({ size: 2 } as never)).to.throw(RangeError, /'maxCount'.*got undefined/);
      expect(() => new BufferSensor({ maxCount: 2, size: 0 })).to.throw(RangeError, /'size'.*got 0/);
      expect(() => new BufferSensor({ maxCount: 2, size: 1, query: 1 as never })).to.throw(TypeError, /'query'.*got 1/);
      expect(() => new BufferSensor({ maxCount: 2, size: 1, name: 3 as never })).to.throw(TypeError, /'name'.*got 3/);
    });
  });

  describe('#update() / #write()', () => {
    it('writes appended entities in order, zero-padded, with the mask', () => {
      const sensor = new BufferSensor({ maxCount: 3, size: 2 });
      sensor.appendObservation([1, 2]);
      sensor.appendObservation(new Float32Array([3, 4]));
      expect(written(sensor)).to.deep.equal([0, 0, 0, 0, 0, 0]);
      sensor.update();
      expect(written(sensor)).to.deep.equal([1, 2, 3, 4, 0, 0]);
      expect(written(sensor.maskSensor)).to.deep.equal([1, 1, 0]);
      expect(sensor.count).to.equal(2);
      sensor.update();
      expect(written(sensor)).to.deep.equal([0, 0, 0, 0, 0, 0]);
      expect(written(sensor.maskSensor)).to.deep.equal([0, 0, 0]);
    });
    it('drops entities past maxCount and counts them', () => {
      const sensor = new BufferSensor({ maxCount: 2, size: 1 });
      for (let i = 1; i <= 5; i++) sensor.appendObservation([i]);
      sensor.update();
      expect(written(sensor)).to.deep.equal([1, 2]);
      expect(sensor.droppedCount).to.equal(3);
    });
    it('gathers entities from the query with the agent', () => {
      const engine = new NullEngine();
      const scene = new Scene(engine);
      const agent = new TransformNode('agent', scene);
      const seen: (TransformNode | null)[] = [];
      const sensor = new BufferSensor({ maxCount: 3, size: 2, query: (append, a) => { seen.push(a); append([7, 8]); } });
      sensor.appendObservation([5, 6]);
      sensor.attach(agent);
      sensor.update();
      expect(written(sensor)).to.deep.equal([5, 6, 7, 8, 0, 0]);
      expect(seen).to.deep.equal([agent]);
      engine.dispose();
    });
    it('rejects entities of the wrong size and short buffers', () => {
      const sensor = new BufferSensor({ maxCount: 2, size: 2 });
      expect(() => sensor.appendObservation([1])).to.throw(RangeError, /needs 2 values, got 1/);
      expect(() => sensor.write(new Float32Array(4), 2)).to.throw(SpecMismatchError, /'entities'/);
    });
    it('does not allocate in update() and write()', () => {
      const values = new Float32Array([1, 2, 3]);
      const sensor = new BufferSensor({ maxCount: 8, size: 3, query: (append) => { append(values); append(values); } });
      const out = new Float32Array(sensor.spec.size + sensor.maskSensor.spec.size);
      expect(bytesPerCall(() => { sensor.update(); sensor.write(out, 0); sensor.maskSensor.write(out, 24); })).to.be.below(4);
    });
  });

  describe('#reset()', () => {
    it('forgets the observation and the pending entities', () => {
      const sensor = new BufferSensor({ maxCount: 2, size: 1 });
      sensor.appendObservation([1]);
      sensor.update();
      sensor.appendObservation([2]);
      sensor.reset();
      expect(written(sensor)).to.deep.equal([0, 0]);
      sensor.update();
      expect(written(sensor)).to.deep.equal([0, 0]);
      expect(written(sensor.maskSensor)).to.deep.equal([0, 0]);
    });
  });
});
