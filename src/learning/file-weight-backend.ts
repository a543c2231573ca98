import type { WeightBackend, WeightVersion } from './weight-backend.js';

/** The file operations {@link FileWeightBackend} needs (node:fs/promises by default; replaceable in tests). */
export interface FileOperations {
  readFile(path: string): Promise<Uint8Array>;
  /** Writes the whole file and flushes it to the disk before resolving. */
  writeFileDurably(path: string, bytes: Uint8Array): Promise<void>;
  /** Atomically replaces `to` with `from`. */
  rename(from: string, to: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string): Promise<void>;
}

/**
 * The module specifier in a variable: bundlers building for browsers (esbuild, Vite, webpack) then leave the import
 * alone instead of failing to resolve a Node built-in.
 */
const NODE_FS = 'node:fs/promises';

/** node:fs/promises as {@link FileOperations}, imported on first use (so browser bundles never load it). */
export async function nodeFileOperations(): Promise<FileOperations> {
  const fs = (await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_FS)) as typeof import('node:fs/promises');
  return {
    readFile: (path) => fs.readFile(path),
    async writeFileDurably(path, bytes) {
      const handle = await fs.open(path, 'w');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    },
    rename: (from, to) => fs.rename(from, to),
    copyFile: (from, to) => fs.copyFile(from, to),
    unlink: (path) => fs.unlink(path),
    readdir: (path) => fs.readdir(path),
    mkdir: async (path) => void (await fs.mkdir(path, { recursive: true })),
  };
}

function isMissing(error: unknown): boolean {
  return (error as { code?: string })?.code === 'ENOENT';
}

/**
 * Weight files in a directory: `<name>.weights` (latest) and `<name>.previous.weights`. A save writes a temp file,
 * flushes it, copies the latest version to the previous one (through a temp file and a rename), then renames the
 * temp file over the latest: every step is atomic, so a crash leaves whole files only. Leftover temp files of an
 * interrupted save are removed by the next save.
 */
export class FileWeightBackend implements WeightBackend {
  private readonly latest: string;
  private readonly previous: string;
  private readonly tempPrefix: string;
  private fs: FileOperations | undefined;

  /**
   * @param directory - the folder of the files (created on the first save)
   * @param name - the files' base name
   * @param fileOperations - the file system; default node:fs/promises
   */
  constructor(private readonly directory: string, name: string, fileOperations?: FileOperations) {
    const base = `${directory.replace(/[\\/]+$/, '')}/${name}`;
    this.latest = `${base}.weights`;
    this.previous = `${base}.previous.weights`;
    this.tempPrefix = `${name}.tmp-`;
    this.fs = fileOperations;
  }

  async read(version: WeightVersion): Promise<Uint8Array | null> {
    const fs = await this.files();
    try {
      return await fs.readFile(version === 'latest' ? this.latest : this.previous);
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async write(bytes: Uint8Array, keepPrevious: boolean): Promise<void> {
    const fs = await this.files();
    await fs.mkdir(this.directory);
    await this.removeTemps(fs);
    const unique = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
    const temp = `${this.directory}/${this.tempPrefix}${unique}`;
    await fs.writeFileDurably(temp, bytes);
    try {
      if (keepPrevious) {
        const previousTemp = `${temp}.previous`;
        await fs.copyFile(this.latest, previousTemp);
        await fs.rename(previousTemp, this.previous);
      }
      await fs.rename(temp, this.latest);
    } catch (error) {
      await fs.unlink(temp).catch(() => undefined);
      throw error;
    }
  }

  async clear(): Promise<void> {
    const fs = await this.files();
    for (const path of [this.latest, this.previous]) {
      await fs.unlink(path).catch((error: unknown) => {
        if (!isMissing(error)) throw error;
      });
    }
  }

  private async files(): Promise<FileOperations> {
    return (this.fs ??= await nodeFileOperations());
  }

  private async removeTemps(fs: FileOperations): Promise<void> {
    for (const entry of await fs.readdir(this.directory)) {
      if (entry.startsWith(this.tempPrefix)) await fs.unlink(`${this.directory}/${entry}`).catch(() => undefined);
    }
  }
}
