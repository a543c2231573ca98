import { describeValue } from '../collaborator/options.js';
import { ModelLoadError } from './errors.js';

/** Where a model comes from: its bytes, or a URL (http(s), or relative to the page) fetched with `fetch`. */
export type ModelSource = Uint8Array | ArrayBuffer | string;

/**
 * The bytes of a model. Bytes are used as they are (no copy); a string is fetched as a URL.
 * @param owner - the public function reading it, named in errors
 * @throws TypeError when `source` is none of the accepted kinds
 * @throws ModelLoadError when the URL cannot be fetched or answers with an error status
 */
export async function readModelSource(source: ModelSource, owner: string): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source !== 'string') {
    throw new TypeError(`${owner}: source must be a Uint8Array, an ArrayBuffer or a URL string, got ${describeValue(source)}`);
  }
  try {
    const response = await fetch(source);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    return new Uint8Array(await response.arrayBuffer());
  } catch (cause) {
    const inner = cause instanceof Error && cause.cause instanceof Error ? ` (${cause.cause.message})` : '';
    const reason = (cause instanceof Error ? cause.message : String(cause)) + inner;
    throw new ModelLoadError(`cannot fetch model from URL '${source}' (to load a file in Node, pass its bytes): ${reason}`, { cause });
  }
}
