import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { Tags } from '@babylonjs/core/Misc/tags.js';
import { GridSensor } from '../../src/sensors/grid-sensor.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { bytesPerCall, written } from '../helpers/sensor-checks.js';

/** Splits a CHW observation into channels of rows. */
function channels(values: number[], c: number, h: number, w: number): number[][][] {
  return Array.from({ length: c }, (_, k) => Array.from({ length: h }, (_, r) => values.slice(k * h * w + r * w, k * h * w + r * w + w)));
}

describe('GridSensor', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
  });
  afterEach(() => engine.dispose());

  function box(name: string, x: number, y: number, z: number, size = 0.5, tag?: string): void {
    const mesh = CreateBox(name, { size }, scene);
    mesh.position.set(x, y, z);
    if (tag) mesh.metadata = { tag };
    mesh.computeWorldMatrix(true);
  }

  describe('#constructor()', () => {
    it('has one channel per tag over the grid', () => {
      const sensor = new GridSensor({ tags: ['wall', 'food'] });
      expect(sensor.name).to.equal('grid');
      expect(sensor.spec.kind).to.equal('visual');
      expect(sensor.spec.shape).to.deep.equal([2, 9, 9]);
      expect(sensor.spec.modality).to.equal('grid');
      expect(new GridSensor({ tags: ['a'], gridSize: [3, 5] }).spec.shape).to.deep.equal([1, 3, 5]);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new GridSensor({} as never)).to.throw(TypeError, /'tags'.*got undefined/);
      expect(() => new GridSensor({ tags: [] })).to.throw(TypeError, /'tags'/);
      expect(() => new GridSensor({ tags: ['a', 'a'] })).to.throw(TypeError, /'tags\[1\]'.*got 'a'/);
      expect(() => new GridSensor({ tags: ['a'], gridSize: 4 })).to.throw(RangeError, /'gridSize' must be odd.*got 4/);
      expect(() => new GridSensor({ tags: ['a'], gridSize: [3, 2.5] })).to.throw(RangeError, /'gridSize\[1\]'.*got 2.5/);
      expect(() => new GridSensor({ tags: ['a'], gridSize: [3, 3, 3] as never })).to.throw(RangeError, /'gridSize'.*got 3 values/);
      expect(() => new GridSensor({ tags: ['a'], cellSize: 0 })).to.throw(RangeError, /'cellSize'.*got 0/);
      expect(() => new GridSensor({ tags: ['a'], cellHeight: -1 })).to.throw(RangeError, /'cellHeight'.*got -1/);
      expect(() => new GridSensor({ tags: ['a'], rotateWithAgent: 'yes' as never })).to.throw(TypeError, /'rotateWithAgent'.*got 'yes'/);
    });
  });

  describe('#update()', () => {
    it('writes ML-Agents one-hot layout, channel-major, into a sentinel buffer at an offset', () => {
      box('food', 1, 0, 1, 0.5, 'food'); // cell i=2 (right), j=2 (front) -> row 0, column 2
      box('wall', -1, 0, 0, 0.5, 'wall'); // i=0 (left), j=1 -> row 2, column 1
      box('plain', 0, 0, -1); // untagged: ignored
      box('high', 1, 3, -1, 0.5, 'wall'); // above the cells: ignored
      const sensor = new GridSensor({ tags: ['wall', 'food'], gridSize: 3 });
      sensor.attach(agent);
      sensor.update();
      expect(channels(written(sensor), 2, 3, 3)).to.deep.equal([
        [[0, 0, 0], [0, 0, 0], [0, 1, 0]],
        [[0, 0, 1], [0, 0, 0], [0, 0, 0]],
      ]);
    });
    it('turns with the agent, or not', () => {
      box('ahead', 1, 0, 0, 0.5, 'a'); // straight ahead of an agent facing +X
      agent.rotation.y = Math.PI / 2;
      const turning = new GridSensor({ tags: ['a'], gridSize: 3 });
      turning.attach(agent);
      turning.update();
      expect(channels(written(turning), 1, 3, 3)[0]).to.deep.equal([[0, 0, 0], [0, 0, 1], [0, 0, 0]]);
      const fixed = new GridSensor({ tags: ['a'], gridSize: 3, rotateWithAgent: false });
      fixed.attach(agent);
      fixed.update();
      expect(channels(written(fixed), 1, 3, 3)[0]).to.deep.equal([[0, 1, 0], [0, 0, 0], [0, 0, 0]]);
    });
    it('follows the agent position, covers every overlapped cell, and keeps the nearest tag per cell', () => {
      agent.position.set(10, 0, 10);
      box('long', 10, 0, 12, 2.9, 'far'); // local x in [-1.45, 1.45], z in [0.55, 3.45]: the whole front row, 1 from the agent
      box('near', 10, 0, 10.7, 0.2, 'near'); // local z in [0.6, 0.8]: the centre-front cell, 0.8 from the agent
      box('edge', 12.5, 0, 9, 1, 'near'); // x in [12, 13]: touches the grid's right edge (x = 11.5) only
      const sensor = new GridSensor({ tags: ['near', 'far'], gridSize: 3, cellSize: 1 });
      sensor.attach(agent);
      sensor.update();
      const [near, far] = channels(written(sensor), 2, 3, 3);
      expect(near).to.deep.equal([[0, 0, 0], [0, 0, 1], [0, 0, 0]]);
      expect(far).to.deep.equal([[0, 0, 1], [0, 0, 0], [0, 0, 1]]);
    });
    it('handles rectangular grids and cells', () => {
      box('a', 2, 0, -3.5, 0.5, 't'); // cellSize [2, 1.5], grid 3 x 5: i = 2, j = floor(-3.5/1.5 + 2.5) = 0
      const sensor = new GridSensor({ tags: ['t'], gridSize: [3, 5], cellSize: [2, 1.5] });
      sensor.attach(agent);
      sensor.update();
      const grid = channels(written(sensor), 1, 3, 5)[0];
      expect(grid).to.deep.equal([[1, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0]]);
    });
    it('matches Babylon tags, ancestors, and ignores the agent and its children', () => {
      const parent = new TransformNode('group', scene);
      Tags.AddTagsTo(parent, 'crate');
      const child = CreateBox('child', { size: 0.5 }, scene);
      child.parent = parent;
      parent.position.set(0, 0, 1);
      child.computeWorldMatrix(true);
      const own = CreateBox('own', { size: 0.5 }, scene);
      own.metadata = { tag: 'crate' };
      own.parent = agent;
      own.computeWorldMatrix(true);
      const sensor = new GridSensor({ tags: ['crate'], gridSize: 3 });
      sensor.attach(agent);
      sensor.update();
      expect(channels(written(sensor), 1, 3, 3)[0]).to.deep.equal([[0, 0, 0], [0, 0, 1], [0, 0, 0]]);
    });
    it('throws an InvalidStateError unless attached', () => {
      expect(() => new GridSensor({ tags: ['a'] }).update()).to.throw(DOMException, /needs an attached agent/);
    });
    it('allocates nothing per entity or per cell in update() and write()', () => {
      for (let i = 0; i < 50; i++) box(`b${i}`, (i % 7) - 3, 0, Math.floor(i / 7) - 3, 0.5, i % 2 ? 'a' : 'b');
      const sensor = new GridSensor({ tags: ['a', 'b'], gridSize: 7 });
      sensor.attach(agent);
      const out = new Float32Array(sensor.spec.size);
      // 0 bytes in a fresh process; after other suites have made Babylon's maths polymorphic, V8 boxes a few doubles
      // per call (about 50 bytes). One object per entity or per cell would cost thousands: that is what this guards.
      expect(bytesPerCall(() => { sensor.update(); sensor.write(out, 0); }, 2000)).to.be.below(256);
    });
  });

  describe('#write()', () => {
    it('writes an empty grid before the first update and throws on a short buffer', () => {
      const sensor = new GridSensor({ tags: ['a'], gridSize: 3 });
      expect(written(sensor)).to.deep.equal(new Array(9).fill(0));
      expect(() => sensor.write(new Float32Array(9), 1)).to.throw(SpecMismatchError, /'grid'/);
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice and forbids attaching again', () => {
      const sensor = new GridSensor({ tags: ['a'] });
      sensor.attach(agent);
      sensor.dispose();
      sensor.dispose();
      expect(() => sensor.attach(agent)).to.throw(DOMException, /disposed/);
    });
  });
});
