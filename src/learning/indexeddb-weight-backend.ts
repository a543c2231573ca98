import type { WeightBackend, WeightVersion } from './weight-backend.js';

const STORE = 'weights';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/**
 * Weight files in IndexedDB (browsers): database `databaseName`, object store `weights`, keys `<name>` (latest)
 * and `<name>#previous`. A save is one readwrite transaction (copy latest to previous, put the new bytes), which
 * IndexedDB commits whole or not at all.
 */
export class IndexedDbWeightBackend implements WeightBackend {
  private db: Promise<IDBDatabase> | undefined;

  /**
   * @param name - the key of the weights
   * @param databaseName - the IndexedDB database
   * @param factory - the IndexedDB factory; default the global `indexedDB`
   */
  constructor(private readonly name: string, private readonly databaseName: string, private readonly factory: IDBFactory = indexedDB) {}

  async read(version: WeightVersion): Promise<Uint8Array | null> {
    const tx = (await this.open()).transaction(STORE, 'readonly');
    const value = await request(tx.objectStore(STORE).get(this.key(version)));
    return value instanceof Uint8Array ? value : value instanceof ArrayBuffer ? new Uint8Array(value) : null;
  }

  async write(bytes: Uint8Array, keepPrevious: boolean): Promise<void> {
    const tx = (await this.open()).transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const finished = done(tx);
    if (keepPrevious) {
      const current = await request(store.get(this.key('latest')));
      if (current !== undefined) store.put(current, this.key('previous'));
    }
    store.put(bytes.slice(), this.key('latest'));
    await finished;
  }

  async clear(): Promise<void> {
    const tx = (await this.open()).transaction(STORE, 'readwrite');
    const finished = done(tx);
    tx.objectStore(STORE).delete(this.key('latest'));
    tx.objectStore(STORE).delete(this.key('previous'));
    await finished;
  }

  private key(version: WeightVersion): string {
    return version === 'latest' ? this.name : `${this.name}#previous`;
  }

  private open(): Promise<IDBDatabase> {
    return (this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = this.factory.open(this.databaseName, 1);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        this.db = undefined; // let a later call try again
        reject(req.error);
      };
    }));
  }
}
