import { requireType } from '../collaborator/options.js';
import { WeightStoreError } from './errors.js';
import { FileWeightBackend } from './file-weight-backend.js';
import { IndexedDbWeightBackend } from './indexeddb-weight-backend.js';
import type { Mlp } from './mlp.js';
import type { Optimizer } from './optimizer.js';
import type { WeightBackend, WeightVersion } from './weight-backend.js';
import { decodeWeightFile, encodeWeightFile, type WeightFile, type WeightFileHeader } from './weight-file.js';

/** Options of {@link WeightStore}. Invalid values throw a TypeError naming the option. */
export interface WeightStoreOptions {
  /** The weights' name: the file base name in Node, the key in IndexedDB. Letters, digits, `.`, `_` and `-`. */
  name: string;
  /** Node only: the folder of the weight files (created on the first save). @default '.' */
  directory?: string;
  /** Browsers only: the IndexedDB database. @default 'babylon-collaborator' */
  databaseName?: string;
  /** Where the bytes go. @default IndexedDB when the global `indexedDB` exists, else files under `directory` */
  backend?: WeightBackend;
}

/** Options of {@link WeightStore.save}. */
export interface SaveWeightsOptions {
  /** Also save this optimiser's state (moments, step count), so training resumes where it stopped. */
  optimizer?: Optimizer;
  /** Your own JSON-serialisable data, returned by load() and info(). @default {} */
  metadata?: Record<string, unknown>;
  /** Replace stored weights of another architecture (otherwise a 'signature-mismatch' error). @default false */
  replace?: boolean;
}

/** Options of {@link WeightStore.load}. */
export interface LoadWeightsOptions {
  /** Restore this optimiser's state too; it must be of the saved kind. @default the optimiser state is not read */
  optimizer?: Optimizer;
  /** Which version: the latest save, or the one before it (e.g. when the latest is corrupt). @default 'latest' */
  version?: WeightVersion;
}

const OWNER = 'WeightStore';

/**
 * Saves and loads an {@link Mlp}'s weights, optionally with its optimiser's state and your metadata, as one
 * checksummed file (format version, model signature = sizes and activations). Saves are atomic (Node: a flushed
 * temp file renamed over the old one; browsers: one IndexedDB transaction) and keep the version they replace, so a
 * crash mid-save never loses the last good weights and a corrupt latest version can be recovered with
 * `load(model, { version: 'previous' })`.
 *
 * Failures reject with a {@link WeightStoreError} whose `reason` says why ('corrupt', 'signature-mismatch',
 * 'unsupported-version', 'optimizer-mismatch', 'io'); a failed load changes neither the model nor the optimiser.
 */
export class WeightStore {
  /** The weights' name. */
  readonly name: string;
  private readonly backend: WeightBackend;

  /** @throws TypeError naming a bad option */
  constructor(options: WeightStoreOptions) {
    requireType(OWNER, 'options', options, (v) => typeof v === 'object' && v !== null, 'an options object');
    this.name = requireType(OWNER, 'name', options.name, (v) => typeof v === 'string' && /^[\w.-]+$/.test(v), 'a name of letters, digits, ., _ and -');
    if (options.backend !== undefined) {
      this.backend = requireType(OWNER, 'backend', options.backend,
        (v) => !!v && typeof (v as WeightBackend).read === 'function' && typeof (v as WeightBackend).write === 'function', 'a WeightBackend');
    } else if (typeof indexedDB !== 'undefined') {
      const database = requireType<string>(OWNER, 'databaseName', options.databaseName ?? 'babylon-collaborator', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string');
      this.backend = new IndexedDbWeightBackend(this.name, database);
    } else {
      const directory = requireType<string>(OWNER, 'directory', options.directory ?? '.', (v) => typeof v === 'string' && v.length > 0, 'a non-empty string');
      this.backend = new FileWeightBackend(directory, this.name);
    }
  }

  /**
   * Saves `model`'s parameters (and the optimiser's state when given) as the latest version; the version it
   * replaces becomes the previous one.
   * @returns the saved header
   * @throws (rejects with) WeightStoreError 'signature-mismatch' when other-architecture weights are stored and
   *   `replace` is not set; 'io' when the storage fails (the stored versions are then unchanged)
   */
  async save(model: Mlp, options: SaveWeightsOptions = {}): Promise<WeightFileHeader> {
    const metadata = requireType<Record<string, unknown>>(OWNER, 'metadata', options.metadata ?? {}, (v) => typeof v === 'object' && v !== null, 'an object');
    const current = await this.readValid('latest');
    if (current && current.header.signature !== model.signature && !options.replace) {
      throw new WeightStoreError('signature-mismatch', `${OWNER} '${this.name}': the stored weights are for ${current.header.signature}, not ${model.signature}; pass { replace: true } to overwrite them`);
    }
    const state = options.optimizer?.state();
    const header = {
      signature: model.signature,
      parameterCount: model.parameterCount,
      savedAt: new Date().toISOString(),
      ...(state && { optimizer: { kind: state.kind, steps: state.steps, slotCount: state.slots.length } }),
      metadata: JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>,
    };
    const bytes = encodeWeightFile(header, model.params, state);
    await this.io('save', () => this.backend.write(bytes, current !== null));
    return decodeWeightFile(bytes).header;
  }

  /**
   * Loads a stored version into `model` (and the optimiser when given).
   * @returns the loaded header, or null when nothing is stored (the model is then unchanged)
   * @throws (rejects with) WeightStoreError: 'corrupt' (try `{ version: 'previous' }`), 'signature-mismatch',
   *   'unsupported-version', 'optimizer-mismatch' or 'io'; the model and optimiser are then unchanged
   */
  async load(model: Mlp, options: LoadWeightsOptions = {}): Promise<WeightFileHeader | null> {
    const version = checkVersion(options.version);
    const bytes = await this.io('load', () => this.backend.read(version));
    if (bytes === null) return null;
    const file = decodeWeightFile(bytes);
    if (file.header.signature !== model.signature || file.params.length !== model.parameterCount) {
      throw new WeightStoreError('signature-mismatch', `${OWNER} '${this.name}': the stored weights are for ${file.header.signature}, the model is ${model.signature}`);
    }
    const { optimizer } = options;
    if (optimizer) {
      const state = file.optimizerState;
      if (!state || state.kind !== optimizer.kind) {
        throw new WeightStoreError('optimizer-mismatch', `${OWNER} '${this.name}': the stored optimiser state is ${state ? `'${state.kind}'` : 'absent'}, the optimiser is '${optimizer.kind}'`);
      }
      try {
        optimizer.loadState(state);
      } catch (cause) {
        throw new WeightStoreError('optimizer-mismatch', `${OWNER} '${this.name}': the stored optimiser state does not fit: ${(cause as Error).message}`, { cause });
      }
    }
    model.setParameters(file.params);
    return file.header;
  }

  /**
   * The header of a stored version, without loading it.
   * @returns null when nothing is stored
   * @throws (rejects with) WeightStoreError 'corrupt', 'unsupported-version' or 'io'
   */
  async info(version: WeightVersion = 'latest'): Promise<WeightFileHeader | null> {
    const bytes = await this.io('read', () => this.backend.read(checkVersion(version)));
    return bytes === null ? null : decodeWeightFile(bytes).header;
  }

  /** Removes every stored version. @throws (rejects with) WeightStoreError 'io' */
  async clear(): Promise<void> {
    await this.io('clear', () => this.backend.clear());
  }

  /** The decoded version, or null when absent or unreadable (a corrupt version is not kept as previous). */
  private async readValid(version: WeightVersion): Promise<WeightFile | null> {
    const bytes = await this.io('read', () => this.backend.read(version));
    if (bytes === null) return null;
    try {
      return decodeWeightFile(bytes);
    } catch {
      return null;
    }
  }

  private async io<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (cause) {
      throw new WeightStoreError('io', `${OWNER} '${this.name}': ${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    }
  }
}

function checkVersion(version: WeightVersion | undefined): WeightVersion {
  return requireType<WeightVersion>(OWNER, 'version', version ?? 'latest', (v) => v === 'latest' || v === 'previous', "'latest' or 'previous'");
}
