import { expect } from 'chai';
import { InputText } from '@babylonjs/gui/2D/controls/inputText.js';
import type { IKeyboardEvent } from '@babylonjs/core/Events/deviceInputEvents.js';
import { TextSensor } from '../../src/sensors/text-sensor.js';
import { TextEmbedding } from '../../src/fusion/text-embedding.js';
import { SpecMismatchError } from '../../src/collaborator/errors.js';
import { bytesPerCall, written } from '../helpers/sensor-checks.js';

describe('TextSensor', () => {
  let now = 0;
  const clock = (): number => now;
  beforeEach(() => { now = 1000; });

  describe('#constructor()', () => {
    it('has an embedding plus fresh and age', () => {
      const sensor = new TextSensor();
      expect(sensor.name).to.equal('text');
      expect(sensor.spec.shape).to.deep.equal([66]);
      expect(sensor.spec.modality).to.equal('text');
      const shared = new TextEmbedding({ dimensions: 16 });
      expect(new TextSensor({ embedding: shared }).embedding).to.equal(shared);
      expect(new TextSensor({ embedding: { dimensions: 32 } }).spec.size).to.equal(34);
    });
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new TextSensor({ name: '' })).to.throw(TypeError, /'name'.*got ''/);
      expect(() => new TextSensor({ maxAge: 0 })).to.throw(RangeError, /'maxAge'.*got 0/);
      expect(() => new TextSensor({ clock: 5 as never })).to.throw(TypeError, /'clock'.*got 5/);
      expect(() => new TextSensor({ embedding: { dimensions: 3 } })).to.throw(RangeError, /'dimensions'.*got 3/);
      expect(() => new TextSensor({ embedding: 'x' as never })).to.throw(TypeError, /'embedding'.*got 'x'/);
    });
  });

  describe('#write()', () => {
    it('writes zeros, not fresh and age 1 before any message', () => {
      const sensor = new TextSensor({ embedding: { dimensions: 8 }, clock });
      sensor.update();
      expect(written(sensor)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    });
    it('writes the embedding of the latest message, fresh once, then ageing', () => {
      const embedding = new TextEmbedding({ dimensions: 16 });
      const sensor = new TextSensor({ embedding, maxAge: 10, clock });
      sensor.push('Hello, there!');
      sensor.push('Where is   the EXIT?');
      const expected = Array.from(embedding.embed('where is the exit'), (v) => Math.round(v * 1e4) / 1e4 + 0);
      now += 2500;
      sensor.update();
      expect(written(sensor)).to.deep.equal([...expected, 1, 0.25]);
      now += 10000;
      sensor.update();
      expect(written(sensor)).to.deep.equal([...expected, 0, 1]);
      expect(sensor.lastMessage).to.deep.equal({ text: 'Where is   the EXIT?', normalized: 'where is the exit', timeMs: 1000 });
    });
    it('throws a SpecMismatchError when the buffer is too short', () => {
      const sensor = new TextSensor({ embedding: { dimensions: 8 } });
      expect(() => sensor.write(new Float32Array(10), 1)).to.throw(SpecMismatchError, /'text'.*10 floats at offset 1/);
    });
    it('does not allocate in update() and write()', () => {
      const sensor = new TextSensor({ clock });
      sensor.push('hello');
      const out = new Float32Array(sensor.spec.size);
      expect(bytesPerCall(() => { sensor.update(); sensor.write(out, 0); })).to.be.below(4);
    });
  });

  describe('#push()', () => {
    it('notifies each message and ignores blank ones', () => {
      const sensor = new TextSensor({ clock });
      const seen: string[] = [];
      sensor.onMessageObservable.add((m) => seen.push(m.normalized));
      sensor.push('  ...  ');
      sensor.push('Thanks!');
      expect(seen).to.deep.equal(['thanks']);
      expect(() => sensor.push(3 as never)).to.throw(TypeError, /'text'.*got 3/);
    });
  });

  describe('#connect()', () => {
    it('submits on Enter and clears the field', () => {
      const sensor = new TextSensor({ clock });
      const input = new InputText('ask');
      sensor.connect(input);
      sensor.connect(input);
      input.text = 'hello';
      expect(sensor.lastMessage).to.equal(null);
      input.onKeyboardEventProcessedObservable.notifyObservers({ key: 'Enter', keyCode: 13 } as IKeyboardEvent);
      expect(sensor.lastMessage?.text).to.equal('hello');
      expect(input.text).to.equal('');
      input.dispose();
    });
    it('submits on blur or on every change, and stops after disconnect', () => {
      const sensor = new TextSensor({ clock });
      const a = new InputText('a');
      const b = new InputText('b');
      sensor.connect(a, { submitOn: 'blur', clear: false });
      sensor.connect(b, { submitOn: 'change' });
      a.text = 'first';
      a.onBlurObservable.notifyObservers(a);
      expect(sensor.lastMessage?.text).to.equal('first');
      expect(a.text).to.equal('first');
      b.text = 'typing';
      expect(sensor.lastMessage?.text).to.equal('typing');
      expect(b.text).to.equal('typing');
      sensor.disconnect(b);
      b.text = 'ignored';
      expect(sensor.lastMessage?.text).to.equal('typing');
      expect(() => sensor.connect(a, { submitOn: 'tab' as never })).to.throw(TypeError, /'submitOn'.*got 'tab'/);
      a.dispose();
      b.dispose();
    });
  });

  describe('#reset()', () => {
    it('forgets the message', () => {
      const sensor = new TextSensor({ embedding: { dimensions: 8 }, clock });
      sensor.push('hello');
      sensor.reset();
      sensor.update();
      expect(written(sensor)).to.deep.equal([0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
      expect(sensor.lastMessage).to.equal(null);
    });
  });

  describe('#dispose()', () => {
    it('disconnects, clears observers, and is harmless twice', () => {
      const sensor = new TextSensor({ clock });
      const input = new InputText('ask');
      sensor.connect(input, { submitOn: 'change' });
      sensor.onMessageObservable.add(() => undefined);
      sensor.dispose();
      sensor.dispose();
      expect(sensor.onMessageObservable.hasObservers()).to.equal(false);
      input.text = 'late';
      expect(sensor.lastMessage).to.equal(null);
      expect(() => sensor.push('x')).to.throw(DOMException, /after dispose/);
      input.dispose();
    });
  });
});
