import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import type { Camera } from '@babylonjs/core/Cameras/camera.js';
import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';
import { RenderTargetTexture } from '@babylonjs/core/Materials/Textures/renderTargetTexture.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Nullable } from '@babylonjs/core/types.js';
import { ObservationSpec } from '../collaborator/observation-spec.js';
import { SpecMismatchError } from '../collaborator/errors.js';
import { requireInteger, requireNumber, requireType } from '../collaborator/options.js';
import { rgbaToNchw } from './camera-image.js';
import { GpuImageConverter } from './camera-gpu-image.js';
import type { Sensor } from './sensor.js';

/** Options of {@link CameraSensor}. Every option is validated by the constructor. */
export interface CameraSensorOptions {
  /** Names the sensor; unique among a behaviour's sensors. @default 'camera' */
  name?: string;
  /**
   * The camera to see through. @default a camera created on {@link CameraSensor.attach}, parented to the agent at
   * local `(0, eyeHeight, 0)` and looking along the agent's forward axis (+Z), disposed on detach
   */
  camera?: Camera;
  /** Image width in pixels, an integer in [1, 4096]. @default 84 */
  width?: number;
  /** Image height in pixels, an integer in [1, 4096]. @default 84 */
  height?: number;
  /** One luma channel (BT.601) instead of three (R, G, B). @default false */
  grayscale?: boolean;
  /** Height of the agent-mounted camera above the agent's origin, in local units. @default 0 */
  eyeHeight?: number;
  /** Vertical field of view of the agent-mounted camera, in radians, in (0, PI). @default 0.8 (Babylon's) */
  fov?: number;
  /** Which meshes the camera sees. @default enabled and visible meshes, except the agent and its descendants */
  predicate?: (mesh: AbstractMesh) => boolean;
  /**
   * WebGPU engines only: keep the image on the GPU. The observation is then not read back (it reads as zeros):
   * a compute pass writes the NCHW float32 image into {@link CameraSensor.gpuBuffer} after each frame, for GPU
   * kernels to read. Throws on other engines. @default false
   */
  keepOnGpu?: boolean;
}

const OWNER = 'CameraSensor';

/**
 * What an agent sees: a camera rendered into a `width` x `height` render target every frame, read back without
 * stalling the frame, as an NCHW float32 image in [0, 1] (`visual(3, h, w)`, or `visual(1, h, w)` in grayscale;
 * row 0 is the top of the image, column 0 its left).
 *
 * Readback is asynchronous and never waits for the GPU: WebGL2 copies the target into a pixel buffer and polls a
 * fence, WebGPU copies it into a mappable buffer; at most one readback is in flight, frames rendered meanwhile
 * are not read. {@link update} takes the latest completed image, so the observation is
 * {@link latencyFrames} frames old (typically 1 or 2). Before the first image arrives it reads zeros.
 *
 * Engines that cannot render or read back asynchronously (Babylon's NullEngine, WebGL1) produce zeros:
 * {@link unavailableReason} says why. Headless training on NullEngine therefore sees a black image.
 */
export class CameraSensor implements Sensor {
  /** The sensor's name. */
  readonly name: string;
  /** `visual(channels, height, width)`, modality `'visual'`. */
  readonly spec: ObservationSpec;
  /** Image width in pixels. */
  readonly width: number;
  /** Image height in pixels. */
  readonly height: number;
  /** True for one luma channel. */
  readonly grayscale: boolean;
  /** True when the image stays on the GPU ({@link gpuBuffer}). */
  readonly keepOnGpu: boolean;

  private readonly camera: Camera | null;
  private readonly eyeHeight: number;
  private readonly fov: number;
  private readonly predicate: (mesh: AbstractMesh) => boolean;
  private readonly latest: Float32Array;
  private readonly observation: Float32Array;
  private readonly pixels: Uint8Array;
  private readonly renderList: AbstractMesh[] = [];
  private agent: TransformNode | null = null;
  private ownCamera: FreeCamera | null = null;
  private target: RenderTargetTexture | null = null;
  private gpuImage: GpuImageConverter | null = null;
  private afterRender: Nullable<Observer<number>> = null;
  private sceneAfterRender: Nullable<Observer<Scene>> = null;
  private inFlight = false;
  private latency = -1;
  private reason: string | null = null;
  private disposed = false;

  /** Validates `options` at once: RangeError or TypeError naming the option and the value got. */
  constructor(options: CameraSensorOptions = {}) {
    this.name = requireType<string>(OWNER, 'name', options.name ?? 'camera', (v) => typeof v === 'string' && v !== '', 'a non-empty string');
    this.camera = options.camera === undefined ? null
      : requireType<Camera>(OWNER, 'camera', options.camera, (v) => typeof v === 'object' && v !== null && typeof (v as Camera).getViewMatrix === 'function', 'a Babylon Camera');
    this.width = requireInteger(OWNER, 'width', options.width ?? 84, 1, 4096);
    this.height = requireInteger(OWNER, 'height', options.height ?? 84, 1, 4096);
    this.grayscale = requireType<boolean>(OWNER, 'grayscale', options.grayscale ?? false, (v) => typeof v === 'boolean', 'a boolean');
    this.keepOnGpu = requireType<boolean>(OWNER, 'keepOnGpu', options.keepOnGpu ?? false, (v) => typeof v === 'boolean', 'a boolean');
    this.eyeHeight = requireNumber(OWNER, 'eyeHeight', options.eyeHeight ?? 0);
    this.fov = requireNumber(OWNER, 'fov', options.fov ?? 0.8, 0, Math.PI, true);
    if (this.fov >= Math.PI) throw new RangeError(`${OWNER}: option 'fov' must be a finite number > 0 and < ${Math.PI}, got ${this.fov}`);
    const visible = (m: AbstractMesh): boolean => m.isEnabled() && m.isVisible;
    this.predicate = requireType(OWNER, 'predicate', options.predicate ?? visible, (v) => typeof v === 'function', 'a function (mesh) => boolean');
    this.spec = ObservationSpec.visual(this.grayscale ? 1 : 3, this.height, this.width);
    this.latest = new Float32Array(this.spec.size);
    this.observation = new Float32Array(this.spec.size);
    this.pixels = new Uint8Array(this.width * this.height * 4);
  }

  /** Frames between the render of the latest completed image and its arrival; -1 before the first one. */
  get latencyFrames(): number {
    return this.latency;
  }

  /** Why the sensor only produces zeros on this engine, or null when it renders. Set on {@link attach}. */
  get unavailableReason(): string | null {
    return this.reason;
  }

  /**
   * With `keepOnGpu`, the storage buffer (a `GPUBuffer` of `spec.size` float32, NCHW, [0, 1], row 0 at the top)
   * that holds the image of the last rendered frame, written by a compute pass submitted when the frame ends, on
   * the engine's device; null otherwise or before attach. Usage: STORAGE | COPY_SRC. Owned by the sensor.
   */
  get gpuBuffer(): GPUBuffer | null {
    return this.gpuImage?.buffer ?? null;
  }

  /**
   * Starts rendering for `agent` (the agent-mounted camera is created here when no camera was given).
   * Throws an `InvalidStateError` DOMException if attached to another node or disposed, or when `keepOnGpu` is
   * asked on an engine that is not WebGPU.
   */
  attach(agent: TransformNode): void {
    if (this.disposed) throw new DOMException(`${OWNER} '${this.name}': cannot attach a disposed sensor`, 'InvalidStateError');
    if (this.agent === agent) return;
    if (this.agent) throw new DOMException(`${OWNER} '${this.name}' is attached to '${this.agent.name}': detach it first`, 'InvalidStateError');
    const scene = agent.getScene();
    const engine = scene.getEngine();
    if (this.keepOnGpu && !engine.isWebGPU) {
      throw new DOMException(`${OWNER} '${this.name}': option 'keepOnGpu' needs a WebGPU engine, got ${engine.name}`, 'InvalidStateError');
    }
    this.agent = agent;
    this.reason = unavailable(engine);
    if (this.reason) return;
    const camera = this.camera ?? this.mountCamera(agent, scene);
    const target = new RenderTargetTexture(`${this.name}-target`, { width: this.width, height: this.height }, scene, { generateMipMaps: false });
    target.activeCamera = camera;
    target.refreshRate = 1;
    target.getCustomRenderList = () => this.visibleMeshes(scene);
    scene.customRenderTargets.push(target);
    this.target = target;
    if (this.keepOnGpu) {
      this.gpuImage = new GpuImageConverter(engine, target, this.width, this.height, this.grayscale);
    } else if (engine.isWebGPU) {
      this.sceneAfterRender = scene.onAfterRenderObservable.add(() => this.readWebGpu(engine));
    } else {
      this.afterRender = target.onAfterRenderObservable.add(() => this.readWebGl(engine));
    }
  }

  /** Stops rendering: removes the render target and its observers, disposes the agent-mounted camera. */
  detach(): void {
    const target = this.target;
    if (target) {
      const scene = target.getScene();
      target.onAfterRenderObservable.remove(this.afterRender);
      scene?.onAfterRenderObservable.remove(this.sceneAfterRender);
      const at = scene?.customRenderTargets.indexOf(target) ?? -1;
      if (at >= 0) scene!.customRenderTargets.splice(at, 1);
      target.dispose();
    }
    this.gpuImage?.dispose();
    this.ownCamera?.dispose();
    this.afterRender = null;
    this.sceneAfterRender = null;
    this.target = null;
    this.gpuImage = null;
    this.ownCamera = null;
    this.agent = null;
  }

  /** Takes the latest completed image as the observation. */
  update(): void {
    this.observation.set(this.latest);
  }

  /** Writes the observation of the last {@link update}: exactly `spec.size` floats in [0, 1]. */
  write(out: Float32Array, offset: number): number {
    const n = this.observation.length;
    if (!Number.isInteger(offset) || offset < 0 || offset + n > out.length) {
      throw new SpecMismatchError(`${OWNER} '${this.name}': cannot write ${n} floats at offset ${offset} into a buffer of ${out.length}`);
    }
    out.set(this.observation, offset);
    return n;
  }

  /** Zeroes the observation until the next image arrives. */
  reset(): void {
    this.latest.fill(0);
    this.observation.fill(0);
  }

  /** Detaches; the sensor cannot be attached again. A readback in flight is ignored. Calling it twice is harmless. */
  dispose(): void {
    this.detach();
    this.disposed = true;
  }

  private mountCamera(agent: TransformNode, scene: Scene): Camera {
    const camera = new FreeCamera(`${this.name}-eye`, new Vector3(0, this.eyeHeight, 0), scene, false);
    camera.parent = agent;
    camera.setTarget(new Vector3(0, this.eyeHeight, 1));
    camera.fov = this.fov;
    camera.inputs.clear();
    this.ownCamera = camera;
    return camera;
  }

  private visibleMeshes(scene: Scene): AbstractMesh[] {
    const agent = this.agent;
    this.renderList.length = 0;
    for (const mesh of scene.meshes) {
      if (mesh !== agent && !(agent && mesh.isDescendantOf(agent)) && this.predicate(mesh)) this.renderList.push(mesh);
    }
    return this.renderList;
  }

  /** WebGL2: called while the target's framebuffer is bound; copies it into a pixel buffer and polls a fence. */
  private readWebGl(engine: AbstractEngine): void {
    if (this.inFlight) return;
    const gl = (engine as unknown as { _gl: WebGL2RenderingContext })._gl;
    const read = (engine as unknown as { _readPixelsAsync(x: number, y: number, w: number, h: number, f: number, t: number, out: Uint8Array): Promise<ArrayBufferView> | null })
      ._readPixelsAsync(0, 0, this.width, this.height, gl.RGBA, gl.UNSIGNED_BYTE, this.pixels);
    if (read) this.track(engine, read, true);
  }

  /** WebGPU: after the scene's render, copies the target into a mappable buffer, mapped once the frame is submitted. */
  private readWebGpu(engine: AbstractEngine): void {
    if (this.inFlight || !this.target) return;
    // no buffer of ours: Babylon then maps the whole row-aligned copy before removing the padding (with a buffer of
    // width * height * 4 it truncates the padded copy); rows come bottom first, as on WebGL
    const read = this.target.readPixels(0, 0, null, false);
    if (read) this.track(engine, read, true);
  }

  private track(engine: AbstractEngine, read: Promise<ArrayBufferView>, bottomUp: boolean): void {
    const frame = engine.frameId;
    const target = this.target;
    this.inFlight = true;
    read.then((data) => {
      if (this.target !== target) return; // detached meanwhile
      rgbaToNchw(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), this.latest, this.width, this.height, bottomUp, this.grayscale);
      this.latency = engine.frameId - frame;
    }, () => undefined).finally(() => (this.inFlight = false));
  }
}

/** Why `engine` cannot feed a camera sensor, or null when it can. */
function unavailable(engine: AbstractEngine): string | null {
  if (engine.isWebGPU) return null;
  const gl = (engine as unknown as { _gl?: unknown })._gl;
  if (!gl) return `${engine.name} (${engine.description}) has no rendering context (Babylon's NullEngine renders nothing): the image stays black`;
  if ((engine as unknown as { webGLVersion: number }).webGLVersion < 2) return 'WebGL1 cannot read pixels back without stalling the frame: the image stays black';
  return null;
}
