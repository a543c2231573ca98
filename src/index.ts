/**
 * babylon-collaborator: AI collaborators for Babylon.js scenes.
 * This is the core entry; the GUI widgets are in `babylon-collaborator/gui` and the onnxruntime-web back end
 * in `babylon-collaborator/onnxruntime`.
 * @packageDocumentation
 */
export { CollaboratorBehavior } from './collaborator/collaborator-behavior.js';
export type { CollaboratorBehaviorOptions, ObservationEvent, DecisionEvent } from './collaborator/collaborator-behavior.js';
export { ObservationSpec } from './collaborator/observation-spec.js';
export type { Modality, ObservationKind } from './collaborator/observation-spec.js';
export { ActionSpec } from './collaborator/action-spec.js';
export type { ActionBuffers } from './collaborator/action-spec.js';
export type { Actuator } from './collaborator/actuator.js';
export type { Policy, DecisionBatch } from './collaborator/policy.js';
export type { AgentObservation } from './collaborator/agent-observation.js';
export { HeuristicPolicy } from './collaborator/heuristic-policy.js';
export type { Heuristic } from './collaborator/heuristic-policy.js';
export type { Feedback, FeedbackRecord } from './collaborator/feedback.js';
export { SpecMismatchError } from './collaborator/errors.js';
export { MoveActuator } from './collaborator/move-actuator.js';
export type { MoveActuatorOptions, MoveSpace } from './collaborator/move-actuator.js';
export { LookAtActuator } from './collaborator/look-at-actuator.js';
export type { LookAtActuatorOptions } from './collaborator/look-at-actuator.js';

export type { Sensor } from './sensors/sensor.js';
export { VectorSensor } from './sensors/vector-sensor.js';
export type { VectorSensorOptions } from './sensors/vector-sensor.js';
export { RaySensor } from './sensors/ray-sensor.js';
export type { RaySensorOptions, RayOrder } from './sensors/ray-sensor.js';
export { MotionSensor } from './sensors/motion-sensor.js';
export type { MotionSensorOptions, PositionSource } from './sensors/motion-sensor.js';

export * from './scheduler/index.js';

export { Tensor, shapeSize } from './runtime/tensor.js';
export type { DataType, TensorData, TensorDataMap } from './runtime/tensor.js';
export type { Model, ValueInfo, BackendName } from './runtime/model.js';
export { ModelLoadError, InputMismatchError, ModelDisposedError } from './runtime/errors.js';

export { MathReasoner } from './reasoning/math-reasoner.js';
export { MathSession, type MathTurn } from './reasoning/math/session.js';
export { MathParseError, MathProblemError } from './reasoning/math/errors.js';
export type { MathGoal, MathSolution, SolutionCount, StepCheck, StepErrorKind } from './reasoning/math/types.js';
