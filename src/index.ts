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
export { ActionMask } from './collaborator/action-mask.js';
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

export { CameraSensor } from './sensors/camera-sensor.js';
export type { CameraSensorOptions } from './sensors/camera-sensor.js';
export { AudioSensor } from './sensors/audio/audio-sensor.js';
export type { AudioSensorOptions, AudioMelOptions } from './sensors/audio/audio-sensor-options.js';
export type { AudioSourceInput, LegacySoundLike, SoundV2Like } from './sensors/audio/audio-source.js';
export type { EnergyVadOptions } from './sensors/audio/features.js';
export { Resampler } from './sensors/audio/resampler.js';
export { KeywordSpotter } from './sensors/audio/keyword-spotter.js';
export type { KeywordEvent } from './sensors/audio/keyword-spotter.js';
export type { KeywordSpotterOptions, KeywordModels } from './sensors/audio/keyword-spotter-options.js';
export { DEFAULT_AUDIO_BACKEND, defaultAudioModelLoader } from './sensors/audio/model-loader.js';
export type { AudioModelLoader, AudioModelSource, AudioBackend } from './sensors/audio/model-loader.js';

export { MlpPolicy } from './collaborator/mlp-policy.js';
export type { MlpPolicyOptions } from './collaborator/mlp-policy.js';
export { OnnxPolicy } from './collaborator/onnx-policy.js';
export type { OnnxPolicyOptions } from './collaborator/onnx-policy.js';
export { MLAgentsPolicy } from './collaborator/ml-agents-policy.js';
export type { MLAgentsPolicyOptions, MLAgentsPolicyLoadOptions } from './collaborator/ml-agents-policy.js';

export * from './learning/index.js';

export { loadModel } from './runtime/load-model.js';
export type { LoadModelOptions, BackendChoice } from './runtime/load-options.js';
export type { BackendSelection, BackendTiming, SelectedModel } from './runtime/backend-selection.js';
export type { ModelSource } from './runtime/source.js';
export { UnsupportedOperatorError, KernelError } from './runtime/errors.js';
export type { UnsupportedNode } from './runtime/errors.js';
export { WebGpuModel } from './runtime/webgpu/webgpu-model.js';
export type { WebGpuModelStats, WebGpuModelOptions } from './runtime/webgpu/webgpu-model.js';
export type { GpuFeeds } from './runtime/webgpu/gpu-feeds.js';
export { GpuTensor } from './runtime/webgpu/gpu-tensor.js';
export { createWebGpuModel } from './runtime/webgpu/create-webgpu-model.js';
export type { WebGpuLoadOptions } from './runtime/webgpu/create-webgpu-model.js';
export { WebGpuUnavailableError, WebGpuValidationError, WebGpuDeviceLostError } from './runtime/webgpu/errors.js';
export { resolveDevice } from './runtime/webgpu/device.js';
export type { DeviceOptions } from './runtime/webgpu/device.js';
export { Tensor, shapeSize } from './runtime/tensor.js';
export type { DataType, TensorData, TensorDataMap } from './runtime/tensor.js';
export type { Model, ValueInfo, BackendName } from './runtime/model.js';
export { ModelLoadError, InputMismatchError, ModelDisposedError } from './runtime/errors.js';

export { MathReasoner } from './reasoning/math-reasoner.js';
export { MathSession, type MathTurn } from './reasoning/math/session.js';
export { MathParseError, MathProblemError } from './reasoning/math/errors.js';
export type { MathGoal, MathSolution, SolutionCount, StepCheck, StepErrorKind } from './reasoning/math/types.js';
export { CollaborationSession } from './reasoning/collaboration-session.js';
export type { CollaborationSessionOptions, SessionCollaborator, AnswerOptions, ProposeDecisionOptions } from './reasoning/collaboration-session.js';
export { squaredDistance } from './reasoning/proposal.js';
export type { Proposal, ProposalInput, ProposalKind, ProposalStatus, Answer, AnswerChannel, Verdict, Correction } from './reasoning/proposal.js';
export { SessionMetrics } from './reasoning/session-metrics.js';
export type { MetricsSnapshot, MetricName, MetricSeries } from './reasoning/session-metrics.js';
export { UnknownProposalError, ProposalAnsweredError } from './reasoning/session-errors.js';
export { interpretReply } from './reasoning/reply.js';
export type { Reply } from './reasoning/reply.js';
export { KnowledgeBase } from './reasoning/knowledge-base.js';
export type { KnowledgeBaseOptions, FactQuery, Solution } from './reasoning/knowledge-base.js';
export { KnowledgeFormatError } from './reasoning/fact.js';
export type { Fact, FactValue, FactInput, RelationInfo, KnowledgeJSON } from './reasoning/fact.js';
export type { IntentRecognizer, IntentAnswer, KnowledgeAnswer, Term, TriplePattern } from './reasoning/question-intent.js';
export { render, joinList, pluralize, MissingSlotError, TemplateSyntaxError } from './reasoning/nlg.js';
export type { Bindings, SlotValue } from './reasoning/nlg.js';
