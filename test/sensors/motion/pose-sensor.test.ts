import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { PoseSensor } from '../../../src/sensors/motion/pose-sensor.js';
import { ScriptedMotion } from '../../../src/sensors/motion/scripted-motion.js';
import { written } from '../../helpers/sensor-checks.js';

describe('PoseSensor', () => {
  let engine: NullEngine;
  let scene: Scene;
  let agent: TransformNode;
  let root: TransformNode;
  let head: TransformNode;

  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
    agent = new TransformNode('agent', scene);
    root = new TransformNode('avatar', scene);
    head = new TransformNode('head', scene);
    head.parent = root;
    head.position.set(0, 1.6, 0);
  });
  afterEach(() => engine.dispose());

  it('has 7 floats per joint and rejects bad options, naming the option and the value', () => {
    const sensor = new PoseSensor({ root, joints: { head, hand: () => null } });
    expect(sensor.spec.shape).to.deep.equal([14]);
    expect(sensor.jointNames).to.deep.equal(['head', 'hand']);
    expect(() => new PoseSensor({ joints: { head } } as never)).to.throw(TypeError, /'root'.*got undefined/);
    expect(() => new PoseSensor({ root, joints: {} })).to.throw(TypeError, /'joints'/);
    expect(() => new PoseSensor({ root, joints: { head, hand: 2 as never } })).to.throw(TypeError, /'joints.hand'.*got 2/);
    expect(() => new PoseSensor({ root, joints: { head }, maxSpeed: 0 })).to.throw(RangeError, /'maxSpeed'.*got 0/);
  });

  it('gives joints in the avatar frame with velocities, whatever the avatar faces', () => {
    root.position.set(5, 0, 5);
    root.rotation.y = Math.PI / 2; // the avatar faces +X
    // The hand moves along world +X (the avatar's forward) at 1.5 m/s, 0.5 m to the avatar's right (world -Z).
    const hand = new ScriptedMotion((t, out) => { out.set(5 + 1.5 * t, 1, 4.5); });
    const sensor = new PoseSensor({ root, joints: { head, hand: hand.position, gone: () => null }, maxDistance: 2, maxSpeed: 3 });
    sensor.attach(agent);
    sensor.sample(0.1);
    hand.advance(0.1);
    sensor.sample(0.1);
    expect(written(sensor)).to.deep.equal([
      0, 0.8, 0, 0, 0, 0, 1,
      0.25, 0.5, 0.075, 0, 0, 0.5, 1,
      0, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('resets velocities and is harmless to dispose twice', () => {
    const hand = new ScriptedMotion((t, out) => { out.set(t, 1, 0); });
    const sensor = new PoseSensor({ root, joints: { hand: hand.position } });
    sensor.attach(agent);
    sensor.sample(0.5);
    hand.advance(0.5);
    sensor.sample(0.5);
    sensor.reset();
    expect(written(sensor)).to.deep.equal([0, 0, 0, 0, 0, 0, 0]);
    sensor.update();
    expect(written(sensor)).to.deep.equal([0.25, 0.5, 0, 0, 0, 0, 1]);
    sensor.dispose();
    sensor.dispose();
    expect(() => sensor.update()).to.throw(DOMException, /attached agent/);
  });
});
