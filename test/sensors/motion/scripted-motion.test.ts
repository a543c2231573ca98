import { expect } from 'chai';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { ScriptedMotion } from '../../../src/sensors/motion/scripted-motion.js';
import { readPosition } from '../../../src/sensors/motion-sensor.js';
import { createScene } from '../../helpers/scene.js';

describe('ScriptedMotion', () => {
  it('reads the script at its time, absent when the script says so', () => {
    const motion = new ScriptedMotion((t, out) => (t < 2 ? void out.set(t, 0, 2 * t) : false));
    const p = new Vector3();
    motion.advance(0.5);
    expect(readPosition(motion.position, p)).to.equal(true);
    expect(p.asArray()).to.deep.equal([0.5, 0, 1]);
    motion.seek(3);
    expect(readPosition(motion.position, p)).to.equal(false);
    expect(motion.time).to.equal(3);
  });
  it('follows a scene\'s frames until detached; dispose twice is harmless', () => {
    const { engine, scene } = createScene();
    const motion = new ScriptedMotion((t, out) => { out.set(t, 0, 0); }, 1);
    motion.attachToScene(scene);
    scene.render();
    scene.render();
    expect(motion.time).to.be.above(1);
    motion.dispose();
    motion.dispose();
    const t = motion.time;
    scene.render();
    expect(motion.time).to.equal(t);
    engine.dispose();
  });
  it('rejects bad arguments, naming them', () => {
    expect(() => new ScriptedMotion(3 as never)).to.throw(TypeError, /'script'.*got 3/);
    expect(() => new ScriptedMotion(() => undefined, NaN)).to.throw(RangeError, /'startTime'.*got NaN/);
    expect(() => new ScriptedMotion(() => undefined).advance(-1)).to.throw(RangeError, /'seconds'.*got -1/);
  });
});
