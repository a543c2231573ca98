import { expect } from 'chai';
import { AudioSensor } from '../../../src/sensors/audio/audio-sensor.js';
import type { AudioSensorOptions } from '../../../src/sensors/audio/audio-sensor-options.js';
import { KeywordSpotter, type KeywordEvent } from '../../../src/sensors/audio/keyword-spotter.js';
import { Resampler } from '../../../src/sensors/audio/resampler.js';
import { defaultAudioModelLoader, type AudioModelLoader } from '../../../src/sensors/audio/model-loader.js';
import { owwModel, readWav, SOUNDS } from './wav.js';
import { rejection } from '../../helpers/rejection.js';

const SENTINEL = -7;
const MEL = owwModel('melspectrogram.onnx');
const clip = (file: string): Float32Array => readWav(new URL(file, SOUNDS)).samples;

function observe(sensor: AudioSensor): Float32Array {
  const out = new Float32Array(sensor.spec.size + 2).fill(SENTINEL);
  sensor.update();
  expect(sensor.write(out, 1)).to.equal(sensor.spec.size);
  expect(out[0]).to.equal(SENTINEL);
  expect(out.at(-1)).to.equal(SENTINEL);
  return out.subarray(1, 1 + sensor.spec.size);
}

/** Pushes `samples` in pieces of `size`; resolves when all are analysed. */
async function pushAll(sensor: AudioSensor, samples: Float32Array, rate: number, size: number): Promise<void> {
  const pushes: Promise<void>[] = [];
  for (let at = 0; at < samples.length; at += size) pushes.push(sensor.push(samples.subarray(at, at + size), rate));
  await Promise.all(pushes);
}

describe('AudioSensor', () => {
  describe('.create()', () => {
    it('observes [rms, vad] without a mel model, tagged audio', async () => {
      const sensor = await AudioSensor.create();
      expect(sensor.name).to.equal('audio');
      expect(sensor.spec.shape).to.deep.equal([2]);
      expect(sensor.spec.modality).to.equal('audio');
      expect(sensor.melFrames).to.equal(0);
      expect(sensor.sampleRate).to.equal(16_000);
      expect([...observe(sensor)]).to.deep.equal([0, 0]);
      sensor.dispose();
    });

    it('adds 16 mel frames of 32 bins by default with a mel model', async () => {
      const sensor = await AudioSensor.create({ name: 'ears', mel: { model: MEL } });
      expect(sensor.spec.shape).to.deep.equal([2 + 16 * 32]);
      sensor.dispose();
    });

    const bad: [unknown, RegExp][] = [
      [null, /^TypeError: AudioSensor: option 'options'/],
      [{ name: '' }, /^TypeError: .*'name'/],
      [{ microphone: 'yes' }, /^TypeError: .*'microphone'.*boolean.*got 'yes'$/],
      [{ source: 42 }, /^TypeError: .*'source'.*AudioNode.*got 42$/],
      [{ mel: { model: 7 } }, /^TypeError: .*'mel.model'.*got 7$/],
      [{ mel: { model: MEL, frames: 0 } }, /^RangeError: .*'mel.frames'.*>= 1, got 0$/],
      [{ backend: 'gpu' }, /^TypeError: .*'backend'.*got 'gpu'$/],
      [{ vad: { marginDb: -1 } }, /^RangeError: .*'vad.marginDb'.*got -1$/],
      [{ context: {} }, /^TypeError: .*'context'.*AudioContext/],
    ];
    for (const [options, message] of bad) {
      it(`rejects ${JSON.stringify(options, (_, v) => (v instanceof Uint8Array ? 'bytes' : v))} naming the option`, async () => {
        const error = await rejection(AudioSensor.create(options as AudioSensorOptions));
        expect(`${error.name}: ${error.message}`).to.match(message);
      });
    }
  });

  describe('#push()', () => {
    it('observes the RMS of the last 80 ms chunk of a sine pushed at 44.1 kHz, voiced after silence', async () => {
      const sensor = await AudioSensor.create();
      const rate = 44_100;
      const silence = rate * 0.3;
      const tone = Float32Array.from({ length: rate }, (_, i) => (i < silence ? 0 : 0.4 * Math.sin((2 * Math.PI * 440 * i) / rate)));
      await pushAll(sensor, tone, rate, 512);
      const [level, vad] = observe(sensor);
      expect(level).to.be.closeTo(0.4 / Math.SQRT2, 0.01);
      expect(vad).to.equal(1);
      sensor.dispose();
    });

    it('reports voice activity in speech and not in the silence before it nor in steady noise', async () => {
      const sensor = await AudioSensor.create();
      const vadOf = async (samples: Float32Array): Promise<number[]> => {
        const decisions: number[] = [];
        for (let at = 0; at + 1280 <= samples.length; at += 1280) {
          await sensor.push(samples.subarray(at, at + 1280), 16_000);
          decisions.push(observe(sensor)[1]!);
        }
        return decisions;
      };
      const speech = await vadOf(clip('hello-world.wav'));
      expect(speech.slice(0, 5), 'the first 400 ms are silence').to.deep.equal([0, 0, 0, 0, 0]);
      expect(speech.filter((v) => v === 1).length, 'voiced chunks').to.be.greaterThan(15);
      sensor.reset();
      const noise = await vadOf(clip('noise.wav'));
      expect(noise.slice(1).every((v) => v === 0), `noise: ${noise.join('')}`).to.equal(true);
      sensor.dispose();
    });

    it('observes the last mel frames of openWakeWord, the same whatever the push size', async () => {
      const samples = clip('hello-world.wav');
      const frames = async (size: number): Promise<Float32Array> => {
        const sensor = await AudioSensor.create({ mel: { model: MEL, frames: 12 } });
        await pushAll(sensor, samples.subarray(0, 1280 * 20), 16_000, size);
        const observed = observe(sensor).slice();
        sensor.dispose();
        return observed;
      };
      const a = await frames(100);
      const b = await frames(5000);
      expect(a).to.deep.equal(b);
      const mel = a.subarray(2);
      expect(mel.length).to.equal(12 * 32);
      expect(Math.min(...mel)).to.be.greaterThan(-4);
      expect(Math.max(...mel)).to.be.lessThan(10);
      expect(new Set(mel).size, 'distinct values').to.be.greaterThan(300);
    });

    it('rejects bad arguments with typed errors', async () => {
      const sensor = await AudioSensor.create();
      expect(await rejection(sensor.push([1, 2] as unknown as Float32Array, 16_000))).to.be.instanceOf(TypeError);
      expect((await rejection(sensor.push(new Float32Array(4), 0))).message).to.match(/'sampleRate'.*got 0/);
      sensor.dispose();
    });

    it("feeds a KeywordSpotter through onSamplesObservable: 'alexa' pushed at 48 kHz fires the alexa head", async () => {
      const sensor = await AudioSensor.create();
      const spotter = await KeywordSpotter.create({
        keyword: 'alexa',
        models: { melspectrogram: MEL, embedding: owwModel('embedding_model.onnx'), head: owwModel('alexa_v0.1.onnx') },
      });
      const detections: KeywordEvent[] = [];
      spotter.onKeywordObservable.add((e) => detections.push(e));
      const scoring: Promise<void>[] = [];
      sensor.onSamplesObservable.add((samples) => scoring.push(spotter.push(samples)));
      const at48k = new Resampler(16_000, 48_000).push(clip('alexa.wav'));
      await pushAll(sensor, at48k, 48_000, 4800);
      await Promise.all(scoring);
      expect(detections).to.have.length(1);
      expect(detections[0]!.score).to.be.greaterThan(0.5);
      spotter.dispose();
      sensor.dispose();
    });
  });

  describe('#reset()', () => {
    it('zeroes the observation', async () => {
      const sensor = await AudioSensor.create();
      await sensor.push(new Float32Array(2560).fill(0.5), 16_000);
      expect(observe(sensor)[0]).to.be.greaterThan(0);
      sensor.reset();
      expect([...observe(sensor)]).to.deep.equal([0, 0]);
      sensor.dispose();
    });
  });

  describe('#dispose()', () => {
    it('clears its observers, disposes its model once, is harmless twice and makes push() reject', async () => {
      let disposed = 0;
      const loader: AudioModelLoader = async (source, options) => {
        const model = await defaultAudioModelLoader(source, options);
        const dispose = model.dispose.bind(model);
        return Object.assign(model, { dispose: () => (disposed++, dispose()) });
      };
      const sensor = await AudioSensor.create({ mel: { model: MEL }, loader });
      sensor.onSamplesObservable.add(() => undefined);
      sensor.onErrorObservable.add(() => undefined);
      const pending = sensor.push(new Float32Array(2560), 16_000);
      sensor.dispose();
      sensor.dispose();
      await pending;
      await new Promise((resolve) => setTimeout(resolve, 0));
      expect(disposed).to.equal(1);
      expect(sensor.onSamplesObservable.hasObservers()).to.equal(false);
      expect(sensor.onErrorObservable.hasObservers()).to.equal(false);
      expect((await rejection(sensor.push(new Float32Array(1), 16_000))).name).to.equal('InvalidStateError');
    });
  });
});
