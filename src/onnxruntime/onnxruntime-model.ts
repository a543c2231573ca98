import type * as Ort from 'onnxruntime-web';
import { ModelDisposedError } from '../runtime/errors.js';
import type { Model, ValueInfo } from '../runtime/model.js';
import type { Tensor } from '../runtime/tensor.js';
import { fromOrtTensor, toOrtTensor } from './convert.js';
import { checkFeeds } from '../runtime/feeds.js';
import { toValueInfo } from './value-info.js';

/**
 * A {@link Model} running on an onnxruntime-web session. Runs are queued, one at a time per session,
 * in call order. Created by `createOnnxRuntimeModel()`.
 */
export class OnnxRuntimeModel implements Model {
  /** The graph inputs, in graph order, as the session reports them. */
  readonly inputs: readonly ValueInfo[];
  /** The graph outputs, in graph order, as the session reports them. */
  readonly outputs: readonly ValueInfo[];
  /** Always `'onnxruntime'`. */
  readonly backend = 'onnxruntime';
  private readonly ort: typeof Ort;
  private readonly session: Ort.InferenceSession;
  /** Settles when every accepted run has settled. */
  private queue: Promise<unknown> = Promise.resolve();
  private disposed = false;

  /**
   * @param ort - the onnxruntime-web module that created `session`
   * @param session - the session to own; `dispose()` releases it
   * @throws ModelLoadError when an input or output is not a tensor of a supported dtype
   */
  constructor(ort: typeof Ort, session: Ort.InferenceSession) {
    this.ort = ort;
    this.session = session;
    this.inputs = Object.freeze(session.inputMetadata.map((m) => toValueInfo(m, 'input')));
    this.outputs = Object.freeze(session.outputMetadata.map((m) => toValueInfo(m, 'output')));
  }

  /**
   * Checks `feeds` (see {@link Model.run}), then runs the session once the runs before it are done.
   * Feed data is handed to onnxruntime-web without a copy; outputs are returned without a further copy.
   * Rejects with `InputMismatchError` for wrong feeds, `ModelDisposedError` after `dispose()`, and
   * onnxruntime-web's own error when the run itself fails.
   */
  async run(feeds: Record<string, Tensor>): Promise<Record<string, Tensor>> {
    if (this.disposed) throw new ModelDisposedError('Model.run: the onnxruntime model has been disposed');
    checkFeeds(this.inputs, feeds);
    const ortFeeds: Record<string, Ort.Tensor> = {};
    for (const info of this.inputs) ortFeeds[info.name] = toOrtTensor(this.ort, feeds[info.name]!);
    const result = this.queue.then(() => this.session.run(ortFeeds));
    this.queue = result.catch(() => undefined); // a failed run must not stop the runs after it
    const outputs: Record<string, Tensor> = {};
    for (const [name, value] of Object.entries(await result)) outputs[name] = fromOrtTensor(value as Ort.Tensor);
    return outputs;
  }

  /** Releases the session once the runs already accepted are done. Idempotent; later `run()` calls reject. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    // dispose() cannot report a failed release: the session is unusable either way.
    void this.queue.then(() => this.session.release()).catch(() => undefined);
  }
}
