/** Where a {@link WeightStore} keeps its bytes: files in Node, IndexedDB in browsers. */

/** Which stored version: the newest, or the one it replaced. */
export type WeightVersion = 'latest' | 'previous';

/**
 * Storage of one named weight file and the version it replaced. `write` must be atomic: after a crash at any
 * point the latest version is either the old bytes or the new ones, whole.
 */
export interface WeightBackend {
  /** The bytes of `version`, or null when none is stored. */
  read(version: WeightVersion): Promise<Uint8Array | null>;
  /**
   * Makes `bytes` the latest version; when `keepPrevious` is true, the version it replaces becomes the previous
   * one (otherwise the previous one stays as it is: a corrupt latest version is never kept as previous).
   */
  write(bytes: Uint8Array, keepPrevious: boolean): Promise<void>;
  /** Removes both versions. */
  clear(): Promise<void>;
}
