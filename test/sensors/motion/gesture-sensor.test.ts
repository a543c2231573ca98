import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { GestureSensor } from '../../../src/sensors/motion/gesture-sensor.js';
import { ScriptedMotion } from '../../../src/sensors/motion/scripted-motion.js';
import { bytesPerCall, written } from '../../helpers/sensor-checks.js';

const DT = 1 / 60;

describe('GestureSensor', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;
  let shoulder: TransformNode;

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
    shoulder = new TransformNode('shoulder', scene);
    shoulder.position.set(0, 1.5, 3); // a person 3 m in front of the agent
  });
  afterEach(() => engine.dispose());

  /** Runs `seconds` of the script through the sensor at 60 frames/s, then updates it. */
  function run(sensor: GestureSensor, motion: ScriptedMotion, seconds: number): number[] {
    sensor.attach(agent);
    for (let i = 0; i < Math.round(seconds / DT); i++) {
      motion.advance(DT);
      sensor.sample(DT);
    }
    sensor.update();
    return written(sensor);
  }

  describe('#constructor()', () => {
    it('has 9 floats and rejects bad options, naming the option and the value', () => {
      const hand = new ScriptedMotion(() => undefined).position;
      expect(new GestureSensor({ hand, shoulder }).spec.shape).to.deep.equal([9]);
      expect(() => new GestureSensor({ shoulder } as never)).to.throw(TypeError, /'hand'.*got undefined/);
      expect(() => new GestureSensor({ hand, shoulder: 1 as never })).to.throw(TypeError, /'shoulder'.*got 1/);
      expect(() => new GestureSensor({ hand, shoulder, seconds: 0 })).to.throw(RangeError, /'seconds'.*got 0/);
      expect(() => new GestureSensor({ hand, shoulder, waveMinHz: 3, waveMaxHz: 2 })).to.throw(RangeError, /'waveMaxHz'.*got 2/);
    });
  });

  describe('#update()', () => {
    it('recognises a 2 Hz, 15 cm wave, scripted headless', () => {
      // The hand above the shoulder swings side to side: x = 0.15 sin(2π·2·t).
      const motion = new ScriptedMotion((t, out) => { out.set(0.15 * Math.sin(2 * Math.PI * 2 * t), 1.9, 3); });
      const sensor = new GestureSensor({ hand: motion.position, shoulder });
      const [present, waveScore, frequency, amplitude, pointScore] = run(sensor, motion, 2);
      expect(present).to.equal(1);
      expect(waveScore).to.equal(1);
      expect(sensor.window.waveFrequency).to.be.closeTo(2, 0.4);
      expect(frequency).to.be.closeTo(0.5, 0.1);
      expect(sensor.window.waveAmplitude).to.be.closeTo(0.15, 0.01);
      expect(amplitude).to.be.closeTo(0.25, 0.02);
      expect(pointScore).to.equal(0);
    });
    it('recognises a steady point and its direction in the agent frame', () => {
      // The arm stretched 0.58 m towards the agent's right (+X) and slightly down.
      const motion = new ScriptedMotion((_t, out) => { out.set(0.56, 1.35, 3); });
      const sensor = new GestureSensor({ hand: motion.position, shoulder });
      const values = run(sensor, motion, 1);
      const [present, waveScore, , , pointScore, extension, x, y, z] = values;
      expect([present, waveScore]).to.deep.equal([1, 0]);
      expect(extension).to.be.closeTo(Math.hypot(0.56, 0.15) / 0.6, 1e-3);
      expect(pointScore).to.equal(1);
      expect([x, y, z]).to.deep.equal([0.9659, -0.2587, 0]);
      agent.rotation.y = Math.PI / 2; // facing +X: the same arm now points straight ahead
      expect(run(sensor, motion, 0.5).slice(6)).to.deep.equal([0, -0.2587, 0.9659]);
    });
    it('reads nothing while the hand is absent; its features and write() do not allocate', () => {
      let visible = false;
      const motion = new ScriptedMotion((t, out) => (visible ? void out.set(0.1 * Math.sin(10 * t), 1.8, 3) : false));
      const sensor = new GestureSensor({ hand: motion.position, shoulder });
      expect(run(sensor, motion, 0.5)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0]);
      visible = true;
      const out = new Float32Array(9);
      // The window's arithmetic and write() allocate nothing. (sample() reads positions through Babylon's Vector3,
      // whose double fields V8 may box on each store: that is measured as noise here, so it is not asserted.)
      for (let i = 0; i < 60; i++) { motion.advance(DT); sensor.sample(DT); }
      expect(bytesPerCall(() => { sensor.window.compute(); sensor.write(out, 0); })).to.be.below(4);
      expect(() => new GestureSensor({ hand: motion.position, shoulder }).update()).to.throw(DOMException, /attached agent/);
    });
  });

  describe('#reset() / #dispose()', () => {
    it('empties the window; dispose twice is harmless', () => {
      const motion = new ScriptedMotion((t, out) => { out.set(0.15 * Math.sin(4 * Math.PI * t), 1.9, 3); });
      const sensor = new GestureSensor({ hand: motion.position, shoulder });
      run(sensor, motion, 1);
      sensor.reset();
      expect(written(sensor)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0]);
      expect(sensor.window.count).to.equal(0);
      sensor.dispose();
      sensor.dispose();
    });
  });
});
