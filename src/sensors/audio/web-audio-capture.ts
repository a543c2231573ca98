/** Samples per message from the capture to the main thread (about 43 ms at 48 kHz). */
const BATCH = 2048;
/** The name the capture's AudioWorkletProcessor registers under. */
const PROCESSOR = 'babylon-collaborator-capture';

/** The processor: averages its input's channels to mono and posts batches of {@link BATCH} samples. */
const PROCESSOR_SOURCE = `
class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.batch = new Float32Array(${BATCH});
    this.filled = 0;
    this.running = true;
    this.port.onmessage = () => { this.running = false; };
  }
  process(inputs) {
    const channels = inputs[0];
    if (!this.running) return false;
    if (!channels || channels.length === 0) return true;
    const frames = channels[0].length;
    for (let i = 0; i < frames; i++) {
      let sum = 0;
      for (let c = 0; c < channels.length; c++) sum += channels[c][i];
      this.batch[this.filled++] = sum / channels.length;
      if (this.filled === this.batch.length) {
        this.port.postMessage(this.batch, [this.batch.buffer]);
        this.batch = new Float32Array(${BATCH});
        this.filled = 0;
      }
    }
    return true;
  }
}
registerProcessor('${PROCESSOR}', CaptureProcessor);
`;

/** The processor's module, added once per audio context. */
const modules = new WeakMap<BaseAudioContext, Promise<void>>();

function addProcessorModule(context: BaseAudioContext): Promise<void> {
  let added = modules.get(context);
  if (!added) {
    const url = URL.createObjectURL(new Blob([PROCESSOR_SOURCE], { type: 'text/javascript' }));
    added = context.audioWorklet.addModule(url).finally(() => URL.revokeObjectURL(url));
    modules.set(context, added);
  }
  return added;
}

/** Receives captured mono samples at the context's sample rate. */
export type CaptureSink = (samples: Float32Array, sampleRate: number) => void;

/**
 * Taps an AudioNode's output without changing what is heard: an AudioWorkletNode (no output, so nothing is added
 * to the mix) receives the node's output, averages its channels to mono and posts batches of 2048 samples to the
 * main thread. Where AudioWorklet is missing (old browsers, non-secure pages) a ScriptProcessorNode does the same,
 * connected to the destination with silent output (it only runs when connected).
 */
export class WebAudioCapture {
  private stopped = false;

  private constructor(private readonly source: AudioNode, private readonly tap: AudioNode, private readonly stopTap: () => void) {}

  /** Starts capturing `source` into `sink`. Rejects with the browser's error when the worklet cannot be added. */
  static async start(source: AudioNode, sink: CaptureSink): Promise<WebAudioCapture> {
    const context = source.context;
    if (typeof AudioWorkletNode !== 'undefined' && context.audioWorklet) {
      await addProcessorModule(context);
      const node = new AudioWorkletNode(context, PROCESSOR, { numberOfInputs: 1, numberOfOutputs: 0, channelCountMode: 'max' });
      node.port.onmessage = (event: MessageEvent<Float32Array>) => sink(event.data, context.sampleRate);
      source.connect(node);
      return new WebAudioCapture(source, node, () => {
        node.port.postMessage('stop');
        node.port.onmessage = null;
        node.port.close();
      });
    }
    const node = context.createScriptProcessor(BATCH, 2, 1);
    node.onaudioprocess = (event) => {
      const input = event.inputBuffer;
      const mono = new Float32Array(input.length);
      for (let c = 0; c < input.numberOfChannels; c++) {
        const data = input.getChannelData(c);
        for (let i = 0; i < mono.length; i++) mono[i]! += data[i]! / input.numberOfChannels;
      }
      sink(mono, context.sampleRate);
    };
    source.connect(node);
    node.connect(context.destination);
    return new WebAudioCapture(source, node, () => {
      node.onaudioprocess = null;
      node.disconnect();
    });
  }

  /** Disconnects the tap from the source and stops the worklet or processor. Calling it twice is harmless. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.source.disconnect(this.tap);
    this.stopTap();
  }
}
