import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { MotionSensor } from '../../src/sensors/motion-sensor.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';

const S = 777;

/** Reads the sensor into a sentinel-filled buffer at offset 2, checks the sentinels, and splits it into frames. */
function frames(sensor: MotionSensor): number[][] {
  const n = sensor.spec.size;
  const out = new Float32Array(n + 4).fill(S);
  expect(sensor.write(out, 2)).to.equal(n);
  expect([out[0], out[1], out[n + 2], out[n + 3]]).to.deep.equal([S, S, S, S]);
  const values = Array.from(out.subarray(2, 2 + n), (v) => Math.round(v * 1e4) / 1e4 + 0);
  return Array.from({ length: n / 7 }, (_, f) => values.slice(f * 7, f * 7 + 7));
}

describe('MotionSensor', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;
  let person: TransformNode;

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
    person = new TransformNode('person', scene);
  });
  afterEach(() => engine.dispose());

  describe('#constructor()', () => {
    it('has a window of 7-float frames', () => {
      const sensor = new MotionSensor({ target: person });
      expect(sensor.name).to.equal('motion');
      expect(sensor.window).to.equal(4);
      expect(sensor.spec.shape).to.deep.equal([28]);
      expect(sensor.spec.modality).to.equal('motion');
      expect(new MotionSensor({ target: () => null, window: 2 }).spec.size).to.equal(14);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new MotionSensor(undefined as never)).to.throw(TypeError, /'options'/);
      expect(() => new MotionSensor({} as never)).to.throw(TypeError, /'target'.*got undefined/);
      expect(() => new MotionSensor({ target: 5 as never })).to.throw(TypeError, /'target'.*got 5/);
      expect(() => new MotionSensor({ target: person, window: 0 })).to.throw(RangeError, /'window'.*got 0/);
      expect(() => new MotionSensor({ target: person, maxDistance: -1 })).to.throw(RangeError, /'maxDistance'.*got -1/);
      expect(() => new MotionSensor({ target: person, maxSpeed: NaN })).to.throw(RangeError, /'maxSpeed'.*got NaN/);
    });
  });

  describe('#sample()', () => {
    it('gives position and velocity of a walking person, newest frame first', () => {
      const sensor = new MotionSensor({ target: person, window: 3, maxDistance: 10, maxSpeed: 5 });
      sensor.attach(agent);
      for (let i = 0; i < 5; i++) {
        person.position.set(1 + 0.2 * i, 0, 4); // 2 units/s along +X at 10 frames/s
        sensor.sample(0.1);
      }
      expect(frames(sensor)).to.deep.equal([
        [0.18, 0, 0.4, 0.4, 0, 0, 1],
        [0.16, 0, 0.4, 0.4, 0, 0, 1],
        [0.14, 0, 0.4, 0.4, 0, 0, 1],
      ]);
    });
    it('expresses position and velocity in the agent frame', () => {
      const sensor = new MotionSensor({ target: person, window: 1, maxDistance: 10, maxSpeed: 5 });
      sensor.attach(agent);
      agent.position.set(1, 0, 0);
      agent.rotation.y = Math.PI / 2; // facing +X: right is -Z, left is +Z
      person.position.set(4, 1, 2);
      sensor.sample(0.5);
      person.position.set(5, 1, 2); // 2 units/s along +X: straight ahead for the agent
      sensor.sample(0.5);
      expect(frames(sensor)).to.deep.equal([[-0.2, 0.1, 0.4, 0, 0, 0.4, 1]]);
    });
    it('gives the same velocity at any frame rate, relative to a moving agent', () => {
      for (const dt of [1 / 60, 1 / 30]) {
        const sensor = new MotionSensor({ target: person, window: 1, maxSpeed: 5 });
        sensor.attach(agent);
        agent.position.set(0, 0, 0);
        for (let t = 0; t <= 0.5 + 1e-9; t += dt) {
          person.position.set(3 * t, 0, 0);
          agent.position.set(0, 0, t); // the agent walks +Z at 1 unit/s
          sensor.sample(dt);
        }
        const [frame] = frames(sensor);
        expect(frame[3]).to.be.closeTo(0.6, 1e-4);
        expect(frame[5]).to.be.closeTo(-0.2, 1e-4);
        sensor.dispose();
      }
    });
    it('clamps to [-1, 1]', () => {
      const sensor = new MotionSensor({ target: person, window: 1, maxDistance: 10, maxSpeed: 5 });
      sensor.attach(agent);
      person.position.set(-100, 0, 5);
      sensor.sample(0.1);
      person.position.set(-100, 0, 10);
      sensor.sample(0.1);
      expect(frames(sensor)).to.deep.equal([[-1, 0, 1, 0, 0, 1, 1]]);
    });
    it('zeroes absent frames and measures no velocity on reappearance', () => {
      let where: Vector3 | null = new Vector3(0, 0, 2);
      const sensor = new MotionSensor({ target: () => where, window: 3, maxDistance: 10, maxSpeed: 5 });
      sensor.attach(agent);
      sensor.sample(0.1);
      where = null;
      sensor.sample(0.1);
      where = new Vector3(0, 0, 5);
      sensor.sample(0.1);
      expect(frames(sensor)).to.deep.equal([
        [0, 0, 0.5, 0, 0, 0, 1],
        [0, 0, 0, 0, 0, 0, 0],
        [0, 0, 0.2, 0, 0, 0, 1],
      ]);
    });
    it('treats a disabled or disposed node as absent', () => {
      const sensor = new MotionSensor({ target: person, window: 1 });
      sensor.attach(agent);
      person.position.set(0, 0, 1);
      sensor.sample(0.1);
      expect(frames(sensor)[0][6]).to.equal(1);
      person.setEnabled(false);
      sensor.sample(0.1);
      expect(frames(sensor)[0]).to.deep.equal([0, 0, 0, 0, 0, 0, 0]);
      person.setEnabled(true);
      person.dispose();
      sensor.sample(0.1);
      expect(frames(sensor)[0][6]).to.equal(0);
    });
    it('keeps the previous velocity for a frame of dt <= 0', () => {
      const sensor = new MotionSensor({ target: person, window: 2, maxDistance: 10, maxSpeed: 5 });
      sensor.attach(agent);
      person.position.set(0, 0, 1);
      sensor.sample(0.1);
      person.position.set(0, 0, 1.1);
      sensor.sample(0.1);
      person.position.set(0, 0, 2);
      sensor.sample(0);
      expect(frames(sensor)).to.deep.equal([
        [0, 0, 0.2, 0, 0, 0.2, 1],
        [0, 0, 0.11, 0, 0, 0.2, 1],
      ]);
    });
  });

  describe('#update()', () => {
    it('samples when no frame was sampled since the last update (headless use)', () => {
      const sensor = new MotionSensor({ target: () => new Vector3(0, 0, 3), window: 2, maxDistance: 10 });
      sensor.attach(agent);
      sensor.update();
      expect(frames(sensor)[0]).to.deep.equal([0, 0, 0.3, 0, 0, 0, 1]);
      sensor.sample(0.1);
      sensor.update(); // sampled since: no extra frame
      expect(frames(sensor).map((f) => f[6])).to.deep.equal([1, 1]);
      sensor.reset();
      sensor.sample(0.1);
      sensor.update();
      expect(frames(sensor).map((f) => f[6])).to.deep.equal([1, 0]);
    });
    it('needs an agent', () => {
      expect(() => new MotionSensor({ target: person }).update()).to.throw(DOMException, /attached agent/);
    });
  });

  describe('#reset()', () => {
    it('forgets the history and the previous position', () => {
      const sensor = new MotionSensor({ target: person, window: 2, maxSpeed: 5 });
      sensor.attach(agent);
      sensor.sample(0.1);
      person.position.x = 1;
      sensor.reset();
      expect(frames(sensor)).to.deep.equal([[0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]]);
      sensor.sample(0.1);
      expect(frames(sensor)[0].slice(3)).to.deep.equal([0, 0, 0, 1]);
    });
  });

  describe('#write()', () => {
    it('refuses a buffer too short for its spec', () => {
      const sensor = new MotionSensor({ target: person, window: 1 });
      expect(() => sensor.write(new Float32Array(7), 1)).to.throw(SpecMismatchError, /'motion'.*7 floats at offset 1/);
    });
  });

  describe('#attach()', () => {
    it('throws a typed error when attached to a second agent', () => {
      const sensor = new MotionSensor({ target: person });
      sensor.attach(agent);
      sensor.attach(agent);
      expect(() => sensor.attach(person)).to.throw(DOMException, /attached to 'agent'/).with.property('name', 'InvalidStateError');
    });
  });

  describe('#dispose()', () => {
    it('is harmless twice and forbids attaching again', () => {
      const sensor = new MotionSensor({ target: person });
      sensor.attach(agent);
      sensor.dispose();
      sensor.dispose();
      expect(() => sensor.attach(agent)).to.throw(DOMException, /disposed/);
    });
  });
});
