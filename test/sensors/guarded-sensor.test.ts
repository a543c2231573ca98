import { expect } from 'chai';
import { Observable } from '@babylonjs/core/Misc/observable.js';
import { GuardedSensor } from '../../src/sensors/guarded-sensor.js';
import { guardNonFinite, type NonFiniteEvent } from '../../src/sensors/non-finite.js';
import type { Sensor } from '../../src/sensors/sensor.js';
import { ObservationSpec } from '../../src/collaborator/observation-spec.js';
import { bytesPerCall, written } from '../helpers/sensor-checks.js';

/** A sensor writing whatever `values` holds (VectorSensor refuses non-finite values, this one does not). */
function raw(values: number[]): Sensor {
  return {
    name: 'raw', spec: ObservationSpec.vector(values.length), update() {}, reset() {},
    write(out, offset) { out.set(values, offset); return values.length; },
  };
}

describe('guardNonFinite()', () => {
  it('replaces NaN and Infinity by 0 in the range, reports indices relative to it', () => {
    const values = new Float32Array([NaN, 1, NaN, Infinity, 2, -Infinity]);
    const observable = new Observable<NonFiniteEvent>();
    const events: NonFiniteEvent[] = [];
    observable.add((e) => events.push(e));
    expect(guardNonFinite(values, 1, 4, 'rays', observable)).to.equal(2);
    expect(Array.from(values)).to.deep.equal([NaN, 1, 0, 0, 2, -Infinity]);
    expect(events).to.deep.equal([{ sensor: 'rays', count: 2, indices: [1, 2] }]);
    expect(guardNonFinite(values, 1, 4, 'rays', observable)).to.equal(0);
    expect(events).to.have.length(1);
  });
});

describe('GuardedSensor', () => {
  describe('#constructor()', () => {
    it('keeps the wrapped name and spec; rejects bad options', () => {
      const guarded = new GuardedSensor({ sensor: raw([1, 2]) });
      expect(guarded.name).to.equal('raw');
      expect(guarded.spec.shape).to.deep.equal([2]);
      expect(() => new GuardedSensor({ sensor: {} as never })).to.throw(TypeError, /'sensor'.*got Object/);
      expect(() => new GuardedSensor({ sensor: raw([1]), name: '' })).to.throw(TypeError, /'name'.*got ''/);
    });
  });

  describe('#update()', () => {
    it('writes zeros in place of non-finite values, counts and reports them', () => {
      const values = [1, NaN, 3, Infinity];
      const guarded = new GuardedSensor({ sensor: raw(values) });
      const events: NonFiniteEvent[] = [];
      guarded.onNonFiniteObservable.add((e) => events.push(e));
      guarded.update();
      expect(written(guarded)).to.deep.equal([1, 0, 3, 0]);
      expect(events).to.deep.equal([{ sensor: 'raw', count: 2, indices: [1, 3] }]);
      guarded.update();
      expect(guarded.nonFiniteCount).to.equal(4);
    });
    it('does not allocate when values are finite', () => {
      const guarded = new GuardedSensor({ sensor: raw([1, 2, 3, 4]) });
      const out = new Float32Array(4);
      expect(bytesPerCall(() => { guarded.update(); guarded.write(out, 0); })).to.be.below(4);
    });
  });

  describe('#dispose()', () => {
    it('clears the observable and is harmless twice', () => {
      const guarded = new GuardedSensor({ sensor: raw([NaN]) });
      guarded.onNonFiniteObservable.add(() => undefined);
      guarded.dispose();
      guarded.dispose();
      expect(guarded.onNonFiniteObservable.hasObservers()).to.equal(false);
    });
  });
});
