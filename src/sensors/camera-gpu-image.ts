import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine.js';
import type { RenderTargetTexture } from '@babylonjs/core/Materials/Textures/renderTargetTexture.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Nullable } from '@babylonjs/core/types.js';

/** True when a WebGPU render target's texel row 0 is the bottom of the image (Babylon renders WebGPU targets upside down). */
const TEXTURE_BOTTOM_UP = true;

/** The conversion pass: one invocation per pixel, RGBA texture to NCHW float32 planes. */
const SHADER = /* wgsl */ `
// width, height, channels (1 = BT.601 luma, 3 = R, G, B planes), bottomUp (1 = texture row 0 is the image bottom)
struct Params { width: u32, height: u32, channels: u32, bottomUp: u32 }
@group(0) @binding(0) var image: texture_2d<f32>;
@group(0) @binding(1) var<storage, read_write> nchw: array<f32>;
@group(0) @binding(2) var<uniform> params: Params;

@compute @workgroup_size(8, 8)
fn main(@builtin(global_invocation_id) id: vec3u) {
  if (id.x >= params.width || id.y >= params.height) { return; }
  // output row 0 is the top of the image
  let row = select(id.y, params.height - 1u - id.y, params.bottomUp == 1u);
  let rgba = textureLoad(image, vec2u(id.x, row), 0);
  let at = id.y * params.width + id.x;
  let plane = params.width * params.height;
  if (params.channels == 1u) {
    nchw[at] = dot(rgba.rgb, vec3f(0.299, 0.587, 0.114));
  } else {
    nchw[at] = rgba.r;
    nchw[plane + at] = rgba.g;
    nchw[2u * plane + at] = rgba.b;
  }
}`;

/** Per-device pipeline cache: a lost or destroyed device frees its pipeline. */
const pipelines = new WeakMap<GPUDevice, GPUComputePipeline>();

function pipelineFor(device: GPUDevice): GPUComputePipeline {
  let pipeline = pipelines.get(device);
  if (!pipeline) {
    const module = device.createShaderModule({ label: 'CameraSensor rgba-to-nchw', code: SHADER });
    pipeline = device.createComputePipeline({ label: 'CameraSensor rgba-to-nchw', layout: 'auto', compute: { module, entryPoint: 'main' } });
    pipelines.set(device, pipeline);
  }
  return pipeline;
}

/**
 * Keeps a camera image on the GPU: when each frame ends (after Babylon submitted it, so the render target holds
 * this frame's image), a compute pass on the engine's device converts the target into an NCHW float32 storage
 * buffer ({@link buffer}).
 */
export class GpuImageConverter {
  /** The NCHW float32 image, STORAGE | COPY_SRC. */
  readonly buffer: GPUBuffer;
  private readonly params: GPUBuffer;
  private readonly device: GPUDevice;
  private readonly observer: Nullable<Observer<AbstractEngine>>;

  constructor(private readonly engine: AbstractEngine, private readonly target: RenderTargetTexture, width: number, height: number, grayscale: boolean) {
    this.device = (engine as unknown as { _device: GPUDevice })._device;
    const channels = grayscale ? 1 : 3;
    this.buffer = this.device.createBuffer({ label: 'CameraSensor image (NCHW f32)', size: channels * width * height * 4, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
    this.params = this.device.createBuffer({ label: 'CameraSensor image params', size: 16, usage: GPUBufferUsage.UNIFORM | GPUBufferUsage.COPY_DST });
    this.device.queue.writeBuffer(this.params, 0, new Uint32Array([width, height, channels, TEXTURE_BOTTOM_UP ? 1 : 0]));
    this.observer = engine.onEndFrameObservable.add(() => this.convert(width, height));
  }

  /** Stops converting and destroys the buffers. */
  dispose(): void {
    this.engine.onEndFrameObservable.remove(this.observer);
    this.buffer.destroy();
    this.params.destroy();
  }

  private convert(width: number, height: number): void {
    const texture = (this.target.getInternalTexture() as unknown as { _hardwareTexture?: { underlyingResource?: GPUTexture } } | null)?._hardwareTexture?.underlyingResource;
    if (!texture) return;
    const pipeline = pipelineFor(this.device);
    const bindGroup = this.device.createBindGroup({
      label: 'CameraSensor rgba-to-nchw',
      layout: pipeline.getBindGroupLayout(0),
      entries: [
        { binding: 0, resource: texture.createView() },
        { binding: 1, resource: { buffer: this.buffer } },
        { binding: 2, resource: { buffer: this.params } },
      ],
    });
    const encoder = this.device.createCommandEncoder({ label: 'CameraSensor rgba-to-nchw' });
    const pass = encoder.beginComputePass({ label: 'CameraSensor rgba-to-nchw' });
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(Math.ceil(width / 8), Math.ceil(height / 8));
    pass.end();
    this.device.queue.submit([encoder.finish()]);
  }
}
