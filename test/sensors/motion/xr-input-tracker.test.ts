import { expect } from 'chai';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { WebXRDefaultExperience } from '@babylonjs/core/XR/webXRDefaultExperience.js';
import { XRInputTracker, type XRControllerLike, type XRExperienceLike } from '../../../src/sensors/motion/xr-input-tracker.js';
import { readPosition } from '../../../src/sensors/motion-sensor.js';

/** Babylon's own experience has the shape the tracker reads (checked by the compiler). */
export const accepts = (xr: WebXRDefaultExperience): XRExperienceLike => xr;

function rounded(v: Vector3): number[] {
  return v.asArray().map((x) => Math.round(x * 1e6) / 1e6);
}

describe('XRInputTracker', () => {
  let engine: NullEngine;
  let scene: Scene;
  beforeEach(() => {
    engine = new NullEngine();
    scene = new Scene(engine);
  });
  afterEach(() => engine.dispose());

  function node(name: string, x: number, y: number, z: number): TransformNode {
    const n = new TransformNode(name, scene);
    n.position.set(x, y, z);
    return n;
  }

  it('reads everything as absent outside XR', () => {
    const tracker = new XRInputTracker();
    const out = new Vector3();
    expect(tracker.isTracked('left')).to.equal(false);
    expect(readPosition(tracker.joint('left', 'index-finger-tip'), out)).to.equal(false);
    expect(tracker.pinch('right')).to.equal(0);
    expect(() => tracker.setExperience({} as never)).to.throw(TypeError, /'xr'.*got Object/);
  });

  it('reads a controller: its grip for any joint, its trigger as pinch', () => {
    let trigger = 0.7;
    const right: XRControllerLike = {
      inputSource: { handedness: 'right' }, grip: node('grip', 0.3, 1.2, 0.4), pointer: node('pointer', 0, 0, 0),
      motionController: { getComponentOfType: () => ({ value: trigger }) },
    };
    const xr: XRExperienceLike = { input: { controllers: [right] }, baseExperience: { featuresManager: {} } };
    const tracker = new XRInputTracker(xr);
    const out = new Vector3();
    expect([tracker.isTracked('right'), tracker.isHand('right'), tracker.isTracked('left')]).to.deep.equal([true, false, false]);
    expect(readPosition(tracker.joint('right', 'index-finger-tip'), out)).to.equal(true);
    expect(rounded(out)).to.deep.equal([0.3, 1.2, 0.4]);
    expect(tracker.pinch('right')).to.be.closeTo(0.7, 1e-9);
    trigger = 2;
    expect(tracker.pinch('right')).to.equal(1);
  });

  it('reads tracked hands: joint positions and pinch from thumb and index tips', () => {
    const joints: Record<string, TransformNode> = {
      wrist: node('wrist', -0.2, 1.1, 0.3),
      'thumb-tip': node('thumb', -0.25, 1.2, 0.35),
      'index-finger-tip': node('index', -0.25, 1.2, 0.35 + 0.0375),
    };
    const hand = { getJointMesh: (joint: never) => joints[joint as string] ?? null };
    const featuresManager = { getEnabledFeature: (name: string) => (name === 'xr-hand-tracking' ? { getHandByHandedness: (h: string) => (h === 'left' ? hand : null) } : null) };
    const tracker = new XRInputTracker({ input: { controllers: [] }, baseExperience: { featuresManager } });
    const out = new Vector3();
    expect(tracker.isHand('left')).to.equal(true);
    expect(readPosition(tracker.joint('left'), out)).to.equal(true);
    expect(rounded(out)).to.deep.equal([-0.2, 1.1, 0.3]);
    expect(readPosition(tracker.joint('left', 'pinky-finger-tip'), out)).to.equal(false);
    expect(tracker.pinch('left')).to.be.closeTo(0.5, 1e-6); // 3.75 cm: half-way between 1.5 and 6 cm
    joints['index-finger-tip'].position.set(-0.25, 1.2, 0.36);
    expect(tracker.pinch('left')).to.equal(1);
    tracker.setExperience(null);
    expect(tracker.isTracked('left')).to.equal(false);
  });
});
