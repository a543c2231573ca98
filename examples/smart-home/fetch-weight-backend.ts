/**
 * Weights shipped with a page: a read-only WeightBackend that fetches a `.weights` file (written by
 * `WeightStore.save` in Node, e.g. by scripts/train-smart-home.ts) so that `WeightStore.load` reads it in the
 * browser exactly as it reads files in Node or IndexedDB.
 */
import type { WeightBackend, WeightVersion } from 'babylon-collaborator';

/** What {@link FetchWeightBackend} throws on a write: shipped weights are read-only. */
export class ReadOnlyWeightsError extends Error {
  override readonly name = 'ReadOnlyWeightsError';
}

/** What {@link FetchWeightBackend} throws when the server answers with an error other than 404. */
export class WeightFetchError extends Error {
  override readonly name = 'WeightFetchError';

  constructor(readonly url: string, readonly status: number) {
    super(`GET ${url} answered HTTP ${status}`);
  }
}

/**
 * The latest version is the file at `url`; there is no previous version. A 404 reads as "nothing stored" (so
 * `WeightStore.load` resolves null); other HTTP errors and network failures reject (WeightStore reports them as a
 * WeightStoreError 'io' with this error as its cause). Writes and clears reject with a {@link ReadOnlyWeightsError}.
 */
export class FetchWeightBackend implements WeightBackend {
  /** The weight file's absolute URL. */
  readonly url: string;

  /** @param url - the `.weights` file, absolute or relative to the page */
  constructor(url: string | URL) {
    this.url = new URL(url, globalThis.location?.href).href;
  }

  async read(version: WeightVersion): Promise<Uint8Array | null> {
    if (version === 'previous') return null;
    const response = await fetch(this.url);
    if (response.status === 404) return null;
    if (!response.ok) throw new WeightFetchError(this.url, response.status);
    return new Uint8Array(await response.arrayBuffer());
  }

  write(): Promise<void> {
    return Promise.reject(new ReadOnlyWeightsError(`${this.url} is read-only: save learned weights to another WeightStore`));
  }

  clear(): Promise<void> {
    return this.write();
  }
}
