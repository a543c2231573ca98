/**
 * Generates the speech and noise clips under assets/sounds/ with espeak-ng and sox (Debian packages
 * `espeak-ng` and `sox`): 16 kHz, mono, 16-bit PCM WAV files, re-runnable, same output each run.
 *
 *   tsx scripts/make-sounds.ts [--out DIR]
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './build-examples.js';

/** One generated clip: spoken text, or noise alone when `text` is absent. */
export interface Clip {
  /** File name under the output folder. */
  readonly file: string;
  /** What espeak-ng says. */
  readonly text?: string;
}

/** The clips, as listed in assets/sounds/README.md. */
export const CLIPS: readonly Clip[] = [
  { file: 'alexa.wav', text: 'Alexa' },
  { file: 'alexa-lights.wav', text: 'Alexa, turn on the lights' },
  { file: 'hello-world.wav', text: 'Hello world, how are you today?' },
  { file: 'noise.wav' },
];

/** espeak-ng's voice (American English) and speed in words per minute. */
const VOICE = ['-v', 'en-us', '-s', '150'];
/** 16 kHz mono 16-bit, what openWakeWord's models expect. */
const FORMAT = ['-r', '16000', '-c', '1', '-b', '16'];
/** Silence around speech, in seconds: before, after (the detector needs audio after the word). */
const PAD = ['pad', '0.5', '1'];
/** Length of the noise clip, in seconds, and its amplitude (white noise, about -40 dBFS RMS). */
const NOISE = ['synth', '2.5', 'whitenoise', 'vol', '0.017'];

function run(command: string, args: readonly string[]): void {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const err = error as NodeJS.ErrnoException & { stderr?: Buffer };
    if (err.code === 'ENOENT') throw new Error(`${command} not found: install it (apt-get install -y espeak-ng sox)`);
    throw new Error(`${command} ${args.join(' ')} failed: ${err.stderr?.toString() ?? err.message}`);
  }
}

/** Writes every clip of {@link CLIPS} into `outDir`; returns the paths written. */
export async function makeSounds(outDir = join(ROOT, 'assets', 'sounds')): Promise<string[]> {
  await mkdir(outDir, { recursive: true });
  const work = await mkdtemp(join(tmpdir(), 'collab-sounds-'));
  try {
    return CLIPS.map((clip) => {
      const out = join(outDir, clip.file);
      if (clip.text === undefined) {
        run('sox', ['-R', '-n', ...FORMAT, out, ...NOISE]);
      } else {
        const raw = join(work, clip.file);
        run('espeak-ng', [...VOICE, '-w', raw, clip.text]);
        run('sox', ['-R', raw, ...FORMAT, out, ...PAD]);
      }
      return out;
    });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const i = process.argv.indexOf('--out');
  const written = await makeSounds(i >= 0 ? process.argv[i + 1] : undefined);
  process.stdout.write(`wrote ${written.map((p) => relative(process.cwd(), p)).join(', ')}\n`);
}
