import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { LookAtActuator } from '../../src/collaborator/look-at-actuator.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';

const act = (...continuous: number[]) => ({ continuous: Float32Array.from(continuous), discrete: new Int32Array(0) });
const DEG = Math.PI / 180;

describe('LookAtActuator', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;
  let person: TransformNode;

  /** The agent's world yaw in degrees: 0 faces +Z, 90 faces +X. */
  function yaw(): number {
    const f = Vector3.TransformNormal(Vector3.Forward(), agent.computeWorldMatrix(true));
    return Math.atan2(f.x, f.z) / DEG;
  }

  function run(look: LookAtActuator, frames: number, dt: number): void {
    for (let i = 0; i < frames; i++) look.update(dt);
  }

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
    person = new TransformNode('person', scene);
  });
  afterEach(() => engine.dispose());

  describe('#constructor()', () => {
    it('has defaults', () => {
      const look = new LookAtActuator();
      expect([look.name, look.turnSpeed, look.continuousIndex]).to.deep.equal(['look', 180, undefined]);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new LookAtActuator({ turnSpeed: 0 })).to.throw(RangeError, /'turnSpeed'.*got 0/);
      expect(() => new LookAtActuator({ target: 'person' as never })).to.throw(TypeError, /'target'.*got 'person'/);
      expect(() => new LookAtActuator({ continuousIndex: -1 })).to.throw(RangeError, /'continuousIndex'.*got -1/);
      expect(() => new LookAtActuator({ target: person, continuousIndex: 0 })).to.throw(TypeError, /'target' and 'continuousIndex'/);
    });
  });

  describe('#update() towards a target', () => {
    it('turns at turnSpeed, converges without overshoot, at any frame rate', () => {
      person.position.set(10, 0, 0);
      for (const [frames, dt] of [[30, 1 / 60], [5, 1 / 10], [1, 1 / 2]]) { // frames of half a second
        agent.rotation.y = 0;
        const look = new LookAtActuator({ target: person, turnSpeed: 90 });
        look.attach(agent);
        run(look, frames, dt);
        expect(yaw()).to.be.closeTo(45, 1e-6);
        run(look, 2 * frames, dt);
        expect(yaw()).to.be.closeTo(90, 1e-6);
        expect(agent.rotation.y).to.be.closeTo(Math.PI / 2, 1e-9);
        look.dispose();
      }
    });
    it('takes the shorter way round, across ±180°', () => {
      agent.rotation.y = 170 * DEG;
      const look = new LookAtActuator({ target: () => new Vector3(Math.sin(-170 * DEG), 0, Math.cos(-170 * DEG)), turnSpeed: 10 });
      look.attach(agent);
      look.update(1);
      expect(Math.abs(yaw())).to.be.closeTo(180, 1e-6);
      look.update(1);
      expect(yaw()).to.be.closeTo(-170, 1e-6);
      look.update(1);
      expect(yaw()).to.be.closeTo(-170, 1e-6);
    });
    it('turns about the vertical only, keeping the pitch of a quaternion-rotated agent', () => {
      agent.rotationQuaternion = Quaternion.RotationYawPitchRoll(0, 0.3, 0);
      const pitchBefore = Vector3.TransformNormal(Vector3.Forward(), agent.computeWorldMatrix(true)).y;
      const look = new LookAtActuator({ target: () => new Vector3(-5, 3, 0), turnSpeed: 45 });
      look.attach(agent);
      look.update(1);
      expect(yaw()).to.be.closeTo(-45, 1e-6);
      run(look, 10, 1);
      expect(yaw()).to.be.closeTo(-90, 1e-6);
      expect(Vector3.TransformNormal(Vector3.Forward(), agent.computeWorldMatrix(true)).y).to.be.closeTo(pitchBefore, 1e-6);
    });
    it('holds still while the target is absent or right above', () => {
      let where: Vector3 | null = null;
      const look = new LookAtActuator({ target: () => where, turnSpeed: 90 });
      look.attach(agent);
      look.update(1);
      where = new Vector3(0, 5, 0);
      look.update(1);
      expect(agent.rotation.y).to.equal(0);
    });
  });

  describe('#update() towards its motion', () => {
    it('faces where the agent goes, and keeps its heading when it stops', () => {
      const look = new LookAtActuator({ turnSpeed: 90 });
      look.attach(agent);
      for (let i = 0; i < 20; i++) {
        agent.position.x -= 0.1; // walking towards -X
        look.update(0.1);
      }
      expect(yaw()).to.be.closeTo(-90, 1e-6);
      run(look, 10, 0.1);
      expect(yaw()).to.be.closeTo(-90, 1e-6);
    });
  });

  describe('#update() from a decision', () => {
    it('turns at the action times turnSpeed, clamped to [-1, 1]', () => {
      const look = new LookAtActuator({ continuousIndex: 1, turnSpeed: 90 });
      look.attach(agent);
      look.update(1);
      expect(yaw()).to.equal(0);
      look.onActions(act(0, 0.5));
      run(look, 10, 0.1);
      expect(yaw()).to.be.closeTo(45, 1e-6);
      look.onActions(act(0, -3));
      look.update(1);
      expect(yaw()).to.be.closeTo(-45, 1e-6);
      look.reset();
      look.update(1);
      expect(yaw()).to.be.closeTo(-45, 1e-6);
      expect(() => look.onActions(act(1))).to.throw(SpecMismatchError, /'look'.*index 1/);
    });
  });

  describe('#attach()', () => {
    it('throws a typed error when attached to a second agent', () => {
      const look = new LookAtActuator();
      look.attach(agent);
      look.attach(agent);
      expect(() => look.attach(person)).to.throw(DOMException, /attached to 'agent'/).with.property('name', 'InvalidStateError');
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice and forbids attaching again', () => {
      const look = new LookAtActuator();
      look.dispose();
      look.dispose();
      expect(() => look.attach(agent)).to.throw(DOMException, /disposed/);
    });
  });
});
