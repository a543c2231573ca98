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

export { TextSensor } from './sensors/text-sensor.js';
export type { TextSensorOptions, TextConnectOptions, TextMessage, TextSubmitMode } from './sensors/text-sensor.js';
export { GridSensor } from './sensors/grid-sensor.js';
export type { GridSensorOptions } from './sensors/grid-sensor.js';
export { BufferSensor } from './sensors/buffer-sensor.js';
export type { BufferSensorOptions, AppendEntity } from './sensors/buffer-sensor.js';
export { StackingSensor } from './sensors/stacking-sensor.js';
export type { StackingSensorOptions, StackOrder } from './sensors/stacking-sensor.js';
export { NormalizingSensor } from './sensors/normalizing-sensor.js';
export type { NormalizingSensorOptions } from './sensors/normalizing-sensor.js';
export { GuardedSensor } from './sensors/guarded-sensor.js';
export type { GuardedSensorOptions } from './sensors/guarded-sensor.js';
export { guardNonFinite } from './sensors/non-finite.js';
export type { NonFiniteEvent } from './sensors/non-finite.js';
export { SensorWrapper } from './sensors/sensor-wrapper.js';
export { ScriptedMotion } from './sensors/motion/scripted-motion.js';
export type { MotionScript } from './sensors/motion/scripted-motion.js';
export { GestureSensor } from './sensors/motion/gesture-sensor.js';
export type { GestureSensorOptions } from './sensors/motion/gesture-sensor.js';
export { GestureWindow } from './sensors/motion/gesture-window.js';
export type { GestureWindowOptions } from './sensors/motion/gesture-window.js';
export { PoseSensor } from './sensors/motion/pose-sensor.js';
export type { PoseSensorOptions } from './sensors/motion/pose-sensor.js';
export { XRInputTracker } from './sensors/motion/xr-input-tracker.js';
export type { XRExperienceLike, XRControllerLike, XRHandLike, Handedness, HandJointName } from './sensors/motion/xr-input-tracker.js';

export { TextEmbedding } from './fusion/text-embedding.js';
export type { TextEmbeddingOptions, ResolvedTextEmbeddingOptions } from './fusion/text-embedding.js';
export { IntentClassifier, UNKNOWN_INTENT } from './fusion/intent-classifier.js';
export type { IntentClassifierOptions, IntentResult, IntentClassifierJSON } from './fusion/intent-classifier.js';
export { RunningNormalizer } from './fusion/running-normalizer.js';
export type { RunningNormalizerOptions, RunningNormalizerJSON } from './fusion/running-normalizer.js';

export * from './scheduler/index.js';

export { Tensor, shapeSize } from './runtime/tensor.js';
export type { DataType, TensorData, TensorDataMap } from './runtime/tensor.js';
export type { Model, ValueInfo, BackendName } from './runtime/model.js';
export { ModelLoadError, InputMismatchError, ModelDisposedError } from './runtime/errors.js';

export { MathReasoner } from './reasoning/math-reasoner.js';
export { MathSession, type MathTurn } from './reasoning/math/session.js';
export { MathParseError, MathProblemError } from './reasoning/math/errors.js';
export type { MathGoal, MathSolution, SolutionCount, StepCheck, StepErrorKind } from './reasoning/math/types.js';
