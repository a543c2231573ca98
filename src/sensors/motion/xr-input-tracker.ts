import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { requireType } from '../../collaborator/options.js';
import { readPosition, type PositionSource } from '../motion-sensor.js';

/** Which hand. */
export type Handedness = 'left' | 'right';

/** A WebXR hand joint name (`XRHandJoint`), e.g. `'wrist'`, `'thumb-tip'`, `'index-finger-tip'`. */
export type HandJointName = string;

/** What the tracker reads of a Babylon `WebXRInputSource` (a controller or a tracked hand's input source). */
export interface XRControllerLike {
  /** The WebXR input source; only its handedness is read. */
  readonly inputSource: { readonly handedness: string };
  /** The grip node, when the device has one. */
  readonly grip?: TransformNode;
  /** The pointer node. */
  readonly pointer: TransformNode;
  /** The motion controller, once its profile has loaded; its `'trigger'` component gives the pinch. */
  readonly motionController?: { getComponentOfType(type: 'trigger'): { readonly value: number } | null } | null;
}

/** What the tracker reads of a Babylon `WebXRHand`. */
export interface XRHandLike {
  /** The node of a joint, if the hand has it. */
  getJointMesh(joint: never): TransformNode | null | undefined;
}

/**
 * What the tracker reads of Babylon's `WebXRDefaultExperience`: its input's controllers and, when the
 * `'xr-hand-tracking'` feature is enabled, its hands. A `WebXRDefaultExperience` is one; tests and replays can pass
 * plain objects of this shape.
 */
export interface XRExperienceLike {
  /** `WebXRInput`: the current controllers. */
  readonly input: { readonly controllers: readonly XRControllerLike[] };
  /** `WebXRExperienceHelper`: its features manager knows the hand-tracking feature. */
  readonly baseExperience: { readonly featuresManager: object };
}

interface HandTrackingLike {
  getHandByHandedness(handedness: Handedness): XRHandLike | null;
}

/** Thumb-to-index distances (world units, metres in WebXR) of a full pinch and of an open hand. */
const PINCH_CLOSED = 0.015;
const PINCH_OPEN = 0.06;

/**
 * Reads WebXR controllers and tracked hands for the motion sensors, when present: joint positions as
 * {@link PositionSource}s (for {@link PoseSensor}, {@link GestureSensor}, {@link MotionSensor}) and pinch strength.
 * Everything reads as absent outside XR (no experience, no session, no controller for that hand), so the same
 * sensors run headless on {@link ScriptedMotion} instead.
 *
 * Only Babylon's XR *types* are referenced: the core bundle pulls no XR code; the app that enters XR passes its
 * `WebXRDefaultExperience` ({@link setExperience}). Everything is polled when read: there are no observers to remove.
 */
export class XRInputTracker {
  private xr: XRExperienceLike | null;
  private readonly a = new Vector3();
  private readonly b = new Vector3();

  /** Tracks `xr` (none by default: everything absent until {@link setExperience}). */
  constructor(xr: XRExperienceLike | null = null) {
    this.xr = null;
    this.setExperience(xr);
  }

  /** Tracks `xr` from now on, or nothing (null). @throws TypeError when it lacks `input.controllers`. */
  setExperience(xr: XRExperienceLike | null): void {
    this.xr = xr === null ? null : requireType<XRExperienceLike>('XRInputTracker', 'xr', xr,
      (v) => !!v && Array.isArray((v as XRExperienceLike).input?.controllers) && !!(v as XRExperienceLike).baseExperience?.featuresManager,
      'a WebXRDefaultExperience (input.controllers, baseExperience.featuresManager) or null');
  }

  /** True when a tracked hand or a controller of that handedness is present. */
  isTracked(handedness: Handedness): boolean {
    return this.hand(handedness) !== null || this.controller(handedness) !== null;
  }

  /** True when that hand is tracked as a hand (joints), not a controller. */
  isHand(handedness: Handedness): boolean {
    return this.hand(handedness) !== null;
  }

  /**
   * A {@link PositionSource} for `joint` of that hand: the joint's node of a tracked hand; for a controller, its grip
   * (its pointer when it has none) whatever the joint; null when absent. The returned function allocates nothing.
   */
  joint(handedness: Handedness, joint: HandJointName = 'wrist'): PositionSource {
    const out = new Vector3();
    return () => (this.readJoint(handedness, joint, out) ? out : null);
  }

  /**
   * Pinch strength in [0, 1]: for a tracked hand, 1 when thumb and index tips touch (<= 1.5 cm) down to 0 when
   * they are 6 cm apart; for a controller, its trigger's value; 0 when absent.
   */
  pinch(handedness: Handedness): number {
    const hand = this.hand(handedness);
    if (hand) {
      if (!this.readHandJoint(hand, 'thumb-tip', this.a) || !this.readHandJoint(hand, 'index-finger-tip', this.b)) return 0;
      const d = Vector3.Distance(this.a, this.b);
      return Math.max(0, Math.min(1, (PINCH_OPEN - d) / (PINCH_OPEN - PINCH_CLOSED)));
    }
    const value = this.controller(handedness)?.motionController?.getComponentOfType('trigger')?.value ?? 0;
    return Math.max(0, Math.min(1, value));
  }

  private readJoint(handedness: Handedness, joint: HandJointName, out: Vector3): boolean {
    const hand = this.hand(handedness);
    if (hand) return this.readHandJoint(hand, joint, out);
    const controller = this.controller(handedness);
    return !!controller && readPosition(controller.grip ?? controller.pointer, out);
  }

  private readHandJoint(hand: XRHandLike, joint: HandJointName, out: Vector3): boolean {
    const node = hand.getJointMesh(joint as never);
    return !!node && readPosition(node, out);
  }

  private hand(handedness: Handedness): XRHandLike | null {
    const manager = this.xr?.baseExperience.featuresManager as { getEnabledFeature?(name: string): unknown } | undefined;
    const tracking = manager?.getEnabledFeature?.('xr-hand-tracking') as HandTrackingLike | null | undefined;
    return tracking?.getHandByHandedness(handedness) ?? null;
  }

  private controller(handedness: Handedness): XRControllerLike | null {
    const controllers = this.xr?.input.controllers;
    if (!controllers) return null;
    for (let i = 0; i < controllers.length; i++) if (controllers[i].inputSource.handedness === handedness) return controllers[i];
    return null;
  }
}
