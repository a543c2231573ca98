/**
 * The home assistant collaborator. It perceives with a security camera (frame differences: motion in view), a
 * MotionSensor per person, the intrusion detector's anomaly score and the wake words heard; a hand-written
 * policy decides three things each decision: sound the alarm, record the camera, toggle the resident's light.
 */
import type { Camera } from '@babylonjs/core/Cameras/camera.js';
import {
  ActionSpec, CameraSensor, CollaboratorBehavior, HeuristicPolicy, MotionSensor, SensorWrapper, VectorSensor,
  type ActionBuffers, type Actuator, type AgentObservation, type FrameScheduler, type PositionSource,
} from 'babylon-collaborator';
import { IntrusionDetector, type Tracks } from './intrusion-detector.js';
import { DISTANCE, MAX_SPEED } from './movement-data.js';

/** Mean absolute change of a camera pixel between decisions above which the camera records. */
const MOTION_LEVEL = 0.004;
const DECISION_PERIOD = 2;

/** What the assistant does when it decides to act. */
export interface HomeControls {
  /** Sounds or stops the alarm; `score` is the anomaly score the decision saw. */
  alarm(on: boolean, score: number): void;
  record(on: boolean): void;
  toggleLight(): void;
}

/** Options of {@link createAssistant}. */
export interface AssistantOptions {
  scheduler: FrameScheduler;
  securityCamera: Camera;
  people: Record<string, PositionSource>;
  /** Scene time in seconds. */
  clock: () => number;
  /** Scene seconds per wall-clock second (scales the velocities the motion sensors expect). */
  speed: number;
  /** True once per wake word heard. */
  takeWakeWord: () => boolean;
  controls: HomeControls;
}

/** The camera image's change since the previous update: motion in view. Its update (readback) is scheduled. */
class FrameDifference extends SensorWrapper {
  readonly expensive = true;
  private previous: Float32Array | null = null;

  constructor(camera: CameraSensor) {
    super('FrameDifference', camera, undefined);
  }

  protected transform(values: Float32Array): void {
    const previous = this.previous ?? values.slice();
    for (let i = 0; i < values.length; i++) [previous[i], values[i]] = [values[i]!, Math.abs(values[i]! - previous[i]!)];
    this.previous = previous;
  }
}

/** Applies the decisions: [alarm off/on, record off/on, toggle the light no/yes]. */
class HomeActuator implements Actuator {
  readonly name = 'home';
  private alarm = 0;
  private recording = 0;

  /** @param observedScore - the anomaly score of the observation the decision was made on */
  constructor(private readonly controls: HomeControls, private readonly observedScore: () => number) {}

  onActions({ discrete }: ActionBuffers): void {
    if (discrete[0] !== this.alarm) this.controls.alarm((this.alarm = discrete[0]!) === 1, this.observedScore());
    if (discrete[1] !== this.recording) this.controls.record((this.recording = discrete[1]!) === 1);
    if (discrete[2] === 1) this.controls.toggleLight();
  }
}

function decide({ sensors }: AgentObservation, out: ActionBuffers): void {
  const [ratio, learned] = sensors.anomaly!;
  const motion = sensors.camera!.reduce((sum, v) => sum + v, 0) / sensors.camera!.length;
  out.discrete[0] = learned === 1 && ratio! > 1 ? 1 : 0;
  out.discrete[1] = motion > MOTION_LEVEL ? 1 : 0;
  out.discrete[2] = sensors.voice![0]!;
}

/** Builds the assistant and its intrusion detector; attach the behaviour to the hub node (unrotated). */
export function createAssistant(options: AssistantOptions): { behavior: CollaboratorBehavior; detector: IntrusionDetector } {
  const detector = new IntrusionDetector(options.scheduler);
  const maxSpeed = MAX_SPEED * options.speed;
  // Each person's last DECISION_PERIOD frames: every frame is seen once.
  const people = Object.entries(options.people).map(([name, target]) => new MotionSensor({ name, target, window: DECISION_PERIOD, maxDistance: DISTANCE, maxSpeed }));
  const actions = ActionSpec.discrete([2, 2, 2]);
  let observed = 0; // the anomaly score the latest decision saw (scoring tasks may change it before the decision applies)
  const behavior = new CollaboratorBehavior({
    name: 'assistant',
    sensors: [
      new FrameDifference(new CameraSensor({ camera: options.securityCamera, width: 48, height: 27, grayscale: true })),
      new VectorSensor({ name: 'anomaly', size: 2, observe: (out) => out.set([detector.learned ? (observed = detector.score) / detector.threshold : 0, Number(detector.learned)]) }),
      new VectorSensor({ name: 'voice', size: 1, observe: (out) => void (out[0] = Number(options.takeWakeWord())) }),
      ...people,
    ],
    actions,
    policy: new HeuristicPolicy(actions, decide),
    actuators: [new HomeActuator(options.controls, () => observed)],
    decisionPeriod: DECISION_PERIOD,
    scheduler: options.scheduler,
  });
  const slots = behavior.layout.filter((slot) => people.some((p) => p.name === slot.name));
  // A person's frames, oldest first: world position / DISTANCE (the sensors see it relative to the hub) and velocity.
  behavior.onObservationObservable.add(({ observation: v }) => {
    const hub = behavior.attachedNode!.position;
    const tracks: Tracks = {};
    for (const { name, offset } of slots) {
      tracks[name] = [];
      for (let o = offset + (DECISION_PERIOD - 1) * 7; o >= offset; o -= 7) {
        if (v[o + 6]) tracks[name].push(Float32Array.of(v[o]! + hub.x / DISTANCE, v[o + 2]! + hub.z / DISTANCE, v[o + 3]!, v[o + 5]!));
      }
    }
    detector.observe(tracks, options.clock());
  });
  return { behavior, detector };
}
