import { Tensor } from '../../tensor.js';
import type { DataType } from '../../tensor.js';
import { sameDims } from './shape.js';

/**
 * One output of a kernel whose buffer is reused between runs while its dtype and shape stay the same
 * (the executor copies what it hands to the user).
 */
export class OutputSlot {
  private tensor: Tensor | undefined;

  /** A tensor of `dtype` and `dims`: the last one when they are unchanged (its old contents left in place), else a new zeroed one. */
  get<T extends DataType>(dtype: T, dims: readonly number[]): Tensor<T> {
    const last = this.tensor;
    if (last && last.dtype === dtype && sameDims(last.dims, dims)) return last as Tensor<T>;
    const fresh = Tensor.zeros(dtype, dims);
    this.tensor = fresh;
    return fresh;
  }
}
