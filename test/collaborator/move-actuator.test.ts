import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { MoveActuator } from '../../src/collaborator/move-actuator.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';

const act = (...continuous: number[]) => ({ continuous: Float32Array.from(continuous), discrete: new Int32Array(0) });
const xyz = (v: Vector3) => [v.x, v.y, v.z].map((c) => Math.round(c * 1e4) / 1e4 + 0);

describe('MoveActuator', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;

  function run(actuator: MoveActuator, frames: number, dt: number): void {
    for (let i = 0; i < frames; i++) actuator.update(dt);
  }

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
  });
  afterEach(() => engine.dispose());

  describe('#constructor()', () => {
    it('has defaults', () => {
      const move = new MoveActuator();
      expect([move.name, move.maxSpeed, move.continuousOffset, move.space, move.acceleration]).to.deep.equal(['move', 2, 0, 'local', Infinity]);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new MoveActuator({ maxSpeed: 0 })).to.throw(RangeError, /'maxSpeed'.*got 0/);
      expect(() => new MoveActuator({ continuousOffset: 1.5 })).to.throw(RangeError, /'continuousOffset'.*got 1.5/);
      expect(() => new MoveActuator({ space: 'up' as never })).to.throw(TypeError, /'space'.*got 'up'/);
      expect(() => new MoveActuator({ acceleration: -1 })).to.throw(RangeError, /'acceleration'.*got -1/);
      expect(() => new MoveActuator({ acceleration: NaN })).to.throw(RangeError, /'acceleration'.*got NaN/);
    });
  });

  describe('#update()', () => {
    it('moves the same distance at any frame rate', () => {
      for (const [frames, dt] of [[60, 1 / 60], [30, 1 / 30], [7, 1 / 7]]) {
        const move = new MoveActuator({ maxSpeed: 2 });
        agent.position.setAll(0);
        move.attach(agent);
        move.onActions(act(0, 1));
        run(move, frames, dt);
        expect(xyz(agent.position)).to.deep.equal([0, 0, 2]);
        move.dispose();
      }
    });
    it('ramps with a finite acceleration, integrated exactly at any frame rate', () => {
      for (const [frames, dt] of [[60, 1 / 60], [30, 1 / 30], [3, 1 / 3]]) {
        const move = new MoveActuator({ maxSpeed: 2, acceleration: 4, space: 'world' });
        agent.position.setAll(0);
        move.attach(agent);
        move.onActions(act(0, 1));
        run(move, frames, dt); // 0.5 s ramping to 2 units/s (0.5 units), then 0.5 s at 2 (1 unit)
        expect(xyz(agent.position)).to.deep.equal([0, 0, 1.5]);
        expect(xyz(move.currentVelocity)).to.deep.equal([0, 0, 2]);
        move.onActions(act(0, 0));
        run(move, frames, dt); // 0.5 s braking: 0.5 units
        expect(xyz(agent.position)).to.deep.equal([0, 0, 2]);
        move.dispose();
      }
    });
    it('clamps the steering to the unit disk, keeping smaller commands as they are', () => {
      const move = new MoveActuator({ maxSpeed: 2 });
      move.attach(agent);
      move.onActions(act(3, 3));
      move.update(1);
      expect(xyz(agent.position)).to.deep.equal([1.4142, 0, 1.4142]);
      agent.position.setAll(0);
      move.onActions(act(-0.5, 0));
      move.update(1);
      expect(xyz(agent.position)).to.deep.equal([-1, 0, 0]);
    });
    it("steers relative to the agent's facing in local space, and along world axes in world space", () => {
      const local = new MoveActuator({ maxSpeed: 1 });
      agent.rotation.y = Math.PI / 2; // facing +X: its right is -Z
      agent.rotation.x = 0.4; // pitch does not lift it off the ground
      local.attach(agent);
      local.onActions(act(0, 1));
      local.update(1);
      expect(xyz(agent.position)).to.deep.equal([1, 0, 0]);
      local.onActions(act(1, 0));
      local.update(1);
      expect(xyz(agent.position)).to.deep.equal([1, 0, -1]);
      local.dispose();
      const world = new MoveActuator({ maxSpeed: 1, space: 'world' });
      world.attach(agent);
      world.onActions(act(1, 0));
      world.update(1);
      expect(xyz(agent.position)).to.deep.equal([2, 0, -1]);
    });
    it('moves in world units under a rotated, scaled parent', () => {
      const parent = new TransformNode('parent', scene);
      parent.position.set(10, 0, 0);
      parent.rotation.y = Math.PI / 2;
      parent.scaling.setAll(2);
      agent.parent = parent;
      const move = new MoveActuator({ maxSpeed: 1, space: 'world' });
      move.attach(agent);
      move.onActions(act(0, 1));
      move.update(3);
      expect(xyz(agent.computeWorldMatrix(true).getTranslation())).to.deep.equal([10, 0, 3]);
    });
    it('reads the actions at continuousOffset', () => {
      const move = new MoveActuator({ maxSpeed: 1, continuousOffset: 2, space: 'world' });
      move.attach(agent);
      move.onActions(act(9, 9, 0, -1));
      move.update(1);
      expect(xyz(agent.position)).to.deep.equal([0, 0, -1]);
      expect(() => move.onActions(act(0, 0, 1))).to.throw(SpecMismatchError, /'move'.*offset 2.*got 3/);
      expect(() => move.onActions(act(0, 0, 1, NaN))).to.throw(SpecMismatchError, /finite/);
    });
    it('does nothing for dt <= 0, when detached, or before any decision', () => {
      const move = new MoveActuator();
      move.update(1);
      move.attach(agent);
      move.update(1);
      move.onActions(act(0, 1));
      move.update(0);
      move.update(-1);
      move.detach();
      move.update(1);
      expect(xyz(agent.position)).to.deep.equal([0, 0, 0]);
    });
  });

  describe('#reset()', () => {
    it('stops the agent', () => {
      const move = new MoveActuator({ acceleration: 1 });
      move.attach(agent);
      move.onActions(act(0, 1));
      move.update(1);
      move.reset();
      move.update(1);
      expect(xyz(agent.position)).to.deep.equal([0, 0, 0.5]);
      expect(xyz(move.currentVelocity)).to.deep.equal([0, 0, 0]);
    });
  });

  describe('#attach()', () => {
    it('throws a typed error when attached to a second agent', () => {
      const move = new MoveActuator();
      move.attach(agent);
      move.attach(agent);
      expect(() => move.attach(new TransformNode('other', scene))).to.throw(DOMException, /attached to 'agent'/)
        .with.property('name', 'InvalidStateError');
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice and forbids attaching again', () => {
      const move = new MoveActuator();
      move.dispose();
      move.dispose();
      expect(() => move.attach(agent)).to.throw(DOMException, /disposed/);
    });
  });
});
