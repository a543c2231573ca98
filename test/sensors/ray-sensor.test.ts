// Triangle picking needs a default material factory; this registers StandardMaterial's.
import '@babylonjs/core/Materials/standardMaterial.js';
import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { MeshBuilder } from '@babylonjs/core/Meshes/meshBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Tags } from '@babylonjs/core/Misc/tags.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { RaySensor } from '../../src/sensors/ray-sensor.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';

const S = 777;

/** Reads the sensor into a sentinel-filled buffer at offset 3 and checks the sentinels around it. */
function read(sensor: RaySensor): number[] {
  const n = sensor.spec.size;
  const out = new Float32Array(n + 5).fill(S);
  expect(sensor.write(out, 3)).to.equal(n);
  expect(Array.from(out.subarray(0, 3))).to.deep.equal([S, S, S]);
  expect(Array.from(out.subarray(3 + n))).to.deep.equal([S, S]);
  return Array.from(out.subarray(3, 3 + n), (v) => Math.round(v * 1e4) / 1e4);
}

describe('RaySensor', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;

  function box(name: string, x: number, z: number, size = 1): Mesh {
    const mesh = MeshBuilder.CreateBox(name, { size }, scene);
    mesh.position.set(x, 0, z);
    mesh.computeWorldMatrix(true);
    return mesh;
  }

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
  });
  afterEach(() => engine.dispose());

  describe('#constructor()', () => {
    it('has ML-Agents defaults and spec', () => {
      const sensor = new RaySensor();
      expect(sensor.name).to.equal('rays');
      expect(sensor.angles).to.have.length(7);
      sensor.angles.forEach((a, i) => expect(a).to.be.closeTo(20 + (i * 140) / 6, 1e-9));
      expect(sensor.length).to.equal(20);
      expect(sensor.tags).to.deep.equal([]);
      expect(sensor.spec.shape).to.deep.equal([14]);
      expect(sensor.spec.modality).to.equal('ray');
    });
    it('sizes the spec as rayCount * (tags + 2)', () => {
      const sensor = new RaySensor({ rayCount: 5, tags: ['a', 'b', 'c'] });
      expect(sensor.spec.kind).to.equal('vector');
      expect(sensor.spec.size).to.equal(25);
    });
    it('orders rays from right to left by default, or as ML-Agents alternates them', () => {
      expect(new RaySensor({ rayCount: 5, angle: 180 }).angles).to.deep.equal([0, 45, 90, 135, 180]);
      expect(new RaySensor({ rayCount: 5, angle: 180, order: 'alternating' }).angles).to.deep.equal([90, 45, 135, 0, 180]);
      expect(new RaySensor({ rayCount: 1, angle: 180 }).angles).to.deep.equal([90]);
      expect(new RaySensor({ rayCount: 2, angle: 60 }).angles).to.deep.equal([60, 120]);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new RaySensor({ rayCount: 0 })).to.throw(RangeError, /'rayCount'.*got 0/);
      expect(() => new RaySensor({ rayCount: 2.5 })).to.throw(RangeError, /'rayCount'.*got 2.5/);
      expect(() => new RaySensor({ angle: 400 })).to.throw(RangeError, /'angle'.*got 400/);
      expect(() => new RaySensor({ length: 0 })).to.throw(RangeError, /'length'.*got 0/);
      expect(() => new RaySensor({ length: NaN })).to.throw(RangeError, /'length'.*got NaN/);
      expect(() => new RaySensor({ tags: 'wall' as never })).to.throw(TypeError, /'tags'.*got 'wall'/);
      expect(() => new RaySensor({ tags: ['wall', 'wall'] })).to.throw(TypeError, /'tags\[1\]'.*got 'wall'/);
      expect(() => new RaySensor({ tags: [''] })).to.throw(TypeError, /'tags\[0\]'/);
      expect(() => new RaySensor({ order: 'random' as never })).to.throw(TypeError, /'order'.*got 'random'/);
      expect(() => new RaySensor({ rayCount: 4, order: 'alternating' })).to.throw(RangeError, /'rayCount'.*odd.*got 4/);
      expect(() => new RaySensor({ predicate: true as never })).to.throw(TypeError, /'predicate'.*got true/);
      expect(() => new RaySensor({ startVerticalOffset: Infinity })).to.throw(RangeError, /'startVerticalOffset'.*got Infinity/);
      expect(() => new RaySensor({ name: '' })).to.throw(TypeError, /'name'/);
    });
  });

  describe('#write()', () => {
    it('writes one-hot tag, miss flag and hit fraction per ray (ML-Agents layout)', () => {
      Tags.AddTagsTo(box('wall', 0, 5), 'wall');
      const sensor = new RaySensor({ rayCount: 3, angle: 90, length: 10, tags: ['wall', 'person'] });
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)).to.deep.equal([
        0, 0, 1, 1, // 45°, to the right: miss
        1, 0, 0, 0.45, // forward: 'wall', hit, front face at 4.5 of 10
        0, 0, 1, 1, // 135°, to the left: miss
      ]);
    });
    it('matches tags from metadata.tag, metadata.tags and the nearest tagged ancestor', () => {
      box('left', -4, 4).metadata = { tag: 'person' };
      box('ahead', 0, 3).metadata = { tags: ['x', 'wall'] };
      const group = new TransformNode('group', scene);
      group.metadata = { tag: 'person' };
      box('right', 6, 6).parent = group;
      const sensor = new RaySensor({ rayCount: 3, angle: 90, length: 10, tags: ['wall', 'person'] });
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)).to.deep.equal([
        0, 1, 0, 0.7778, // 45° right: the child of a 'person' group, entering its box at x = 5.5
        1, 0, 0, 0.25, // forward: metadata.tags holds 'wall'
        0, 1, 0, 0.495, // 45° left: metadata.tag is 'person'
      ]);
    });
    it('gives the first listed tag when several match', () => {
      const mesh = box('both', 0, 5);
      Tags.AddTagsTo(mesh, 'person wall');
      const sensor = new RaySensor({ rayCount: 1, length: 10, tags: ['wall', 'person'] });
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)).to.deep.equal([1, 0, 0, 0.45]);
    });
    it('reports an untagged hit with zeros in the one-hot and a 0 miss flag', () => {
      box('crate', 0, 3);
      const sensor = new RaySensor({ rayCount: 1, length: 10, tags: ['wall'] });
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)).to.deep.equal([0, 0, 0.25]);
    });
    it('reports misses beyond the ray length and with no tags at all', () => {
      box('far', 0, 12);
      const sensor = new RaySensor({ rayCount: 2, angle: 10, length: 10 });
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)).to.deep.equal([1, 1, 1, 1]);
    });
    it('follows the agent position, rotation and scale', () => {
      Tags.AddTagsTo(box('wall', 5, 0), 'wall');
      Tags.AddTagsTo(box('person', 0, 3), 'person');
      const sensor = new RaySensor({ rayCount: 3, angle: 180, length: 10, tags: ['wall', 'person'] });
      sensor.attach(agent);
      agent.rotation.y = Math.PI / 2; // facing +X: its left is +Z
      sensor.update();
      expect(read(sensor)).to.deep.equal([
        0, 0, 1, 1, // right (-Z): miss
        1, 0, 0, 0.45, // forward (+X): wall
        0, 1, 0, 0.25, // left (+Z): person
      ]);
      agent.position.x = 2;
      agent.scaling.setAll(2); // ML-Agents: rays scale with the transform
      sensor.update();
      expect(read(sensor).slice(4, 8)).to.deep.equal([1, 0, 0, 0.125]); // 2.5 of 20
    });
    it('casts from the vertical offsets', () => {
      box('low', 0, 5);
      const sensor = new RaySensor({ rayCount: 1, length: 10, startVerticalOffset: 2, endVerticalOffset: 2 });
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)).to.deep.equal([1, 1]);
    });
    it('ignores the agent, its descendants, invisible meshes and what the predicate rejects', () => {
      const body = MeshBuilder.CreateBox('body', { size: 2 }, scene);
      const hat = box('hat', 0, 0.5);
      hat.parent = body;
      box('ghost', 0, 4).isVisible = false;
      const rejected = box('rejected', 0, 6);
      const sensor = new RaySensor({ rayCount: 1, length: 10 });
      sensor.attach(body);
      sensor.update();
      expect(read(sensor)).to.deep.equal([0, 0.55]);
      const picky = new RaySensor({ rayCount: 1, length: 10, predicate: (m) => m !== rejected && m.isPickable });
      picky.attach(body);
      picky.update();
      expect(read(picky)).to.deep.equal([0, 0.35]); // the invisible mesh counts with a custom predicate
    });
    it('reads as all misses before the first update and after reset', () => {
      box('wall', 0, 5);
      const sensor = new RaySensor({ rayCount: 2, angle: 10, length: 10, tags: ['wall'] });
      expect(read(sensor)).to.deep.equal([0, 1, 1, 0, 1, 1]);
      sensor.attach(agent);
      sensor.update();
      expect(read(sensor)[1]).to.equal(0);
      sensor.reset();
      expect(read(sensor)).to.deep.equal([0, 1, 1, 0, 1, 1]);
    });
    it('refuses a buffer too short for its spec', () => {
      const sensor = new RaySensor({ rayCount: 2 });
      expect(() => sensor.write(new Float32Array(4), 1)).to.throw(SpecMismatchError, /'rays'.*4 floats at offset 1/);
    });
  });

  describe('#attach()', () => {
    it('throws a typed error when attached to a second agent, and not for the same one', () => {
      const sensor = new RaySensor();
      sensor.attach(agent);
      sensor.attach(agent);
      const other = new TransformNode('other', scene);
      expect(() => sensor.attach(other)).to.throw(DOMException, /attached to 'agent'/).with.property('name', 'InvalidStateError');
      sensor.detach();
      sensor.attach(other);
    });
    it('needs an agent to update', () => {
      expect(() => new RaySensor().update()).to.throw(DOMException, /attached agent/);
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice and forbids attaching again', () => {
      const sensor = new RaySensor();
      sensor.attach(agent);
      sensor.dispose();
      sensor.dispose();
      expect(() => sensor.attach(agent)).to.throw(DOMException, /disposed/);
    });
  });
});
