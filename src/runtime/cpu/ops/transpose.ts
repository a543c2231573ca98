import type { KernelFactory } from '../kernel.js';
import { NodeReader } from './node-reader.js';
import { OutputSlot } from './output.js';
import { shapeText, stridesOf } from './shape.js';
import { copyStrided, PlanCache, planStrided } from './strided.js';
import type { StridedPlan } from './strided.js';

/** Transpose by `perm` (default: reverse the axes), any dtype. */
export const transposeKernel: KernelFactory = (context) => {
  const reader = new NodeReader(context);
  const permAttribute = reader.ints('perm', undefined);
  const plans = new PlanCache<{ dims: number[]; plan: StridedPlan }>();
  const slot = new OutputSlot();
  return {
    run(inputs) {
      const x = reader.input(inputs, 0);
      const { dims, plan } = plans.get([x.dims], () => {
        const perm = permAttribute ?? x.dims.map((_, i) => x.rank - 1 - i);
        if (perm.length !== x.rank || new Set(perm).size !== x.rank || perm.some((p) => p < 0 || p >= x.rank)) {
          throw reader.error(`perm ${shapeText(perm)} is not a permutation of the axes of ${shapeText(x.dims)}`);
        }
        const strides = stridesOf(x.dims);
        const out = perm.map((p) => x.dims[p]);
        return { dims: out, plan: planStrided(out, [perm.map((p) => strides[p]), stridesOf(out)]) };
      });
      const y = slot.get(x.dtype, dims);
      copyStrided(plan, x.data, y.data);
      return [y];
    },
  };
};
