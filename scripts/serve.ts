/**
 * Serves the built examples over http://localhost with node:http.
 *
 *   tsx scripts/serve.ts [--port 8080]     builds the examples, then serves examples-dist/
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildExamples, ROOT } from './build-examples.js';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
  '.glb': 'model/gltf-binary',
  '.gltf': 'model/gltf+json',
  '.bin': 'application/octet-stream',
  '.onnx': 'application/octet-stream',
  '.demo': 'application/octet-stream',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** Options of {@link startServer}. */
export interface ServerOptions {
  /** The TCP port; 0 picks a free one. @default 8080 */
  port?: number;
  /** The folder served. @default examples-dist/ in the repository root */
  root?: string;
}

/** A running server. */
export interface RunningServer {
  /** The base URL, e.g. `http://localhost:8080/`. */
  readonly url: string;
  /** Stops accepting connections, ends open ones and resolves when closed. */
  close(): Promise<void>;
}

/** Serves the files under `root` on localhost (GET and HEAD only; paths outside `root` are refused). */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const root = resolve(options.root ?? join(ROOT, 'examples-dist'));
  const server = createServer((req, res) => {
    serveFile(root, req, res).catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, String(err));
      else res.destroy();
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8080, 'localhost', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((ok, fail) => {
      server.close((err) => (err ? fail(err) : ok()));
      server.closeAllConnections();
    }),
  };
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
  let path: string;
  try {
    path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
  } catch {
    return send(res, 400, 'bad request');
  }
  let file = resolve(root, '.' + path);
  if (path.includes('\0') || (file !== root && !file.startsWith(root + sep))) return send(res, 403, 'forbidden');
  let info = await stat(file).catch(() => null);
  if (info?.isDirectory()) {
    if (!path.endsWith('/')) {
      res.writeHead(301, { Location: path + '/' });
      return void res.end();
    }
    file = join(file, 'index.html');
    info = await stat(file).catch(() => null);
  }
  if (!info?.isFile()) return send(res, 404, 'not found');
  res.writeHead(200, {
    'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-cache',
    // Cross-origin isolation lets onnxruntime-web use threads (SharedArrayBuffer); all content is same-origin.
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file).pipe(res);
}

function send(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(message + '\n');
}

function parsePort(): number {
  const i = process.argv.indexOf('--port');
  const value = i >= 0 ? Number(process.argv[i + 1]) : 8080;
  if (!Number.isInteger(value) || value < 0 || value > 65535) {
    throw new RangeError(`serve: option '--port' must be an integer in [0, 65535], got ${process.argv[i + 1]}`);
  }
  return value;
}

async function main(): Promise<void> {
  const port = parsePort();
  const scenes = await buildExamples();
  const server = await startServer({ port });
  console.log(`serving ${scenes.length} example scene(s) on ${server.url}  (Ctrl+C to stop)`);
  const stop = (): void => void server.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
