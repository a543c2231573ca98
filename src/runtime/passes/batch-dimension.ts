import type { ValueInfo } from '../model.js';

/**
 * The symbolic batch dimension of a model: the symbol every input of rank 1 or more has as its first dimension
 * (ML-Agents' 'batch', PyTorch's 'batch_size'), or undefined when the inputs do not share one.
 */
export function batchSymbol(inputs: readonly ValueInfo[]): string | undefined {
  let symbol: string | undefined;
  for (const input of inputs) {
    if (input.dims.length === 0) continue;
    const first = input.dims[0];
    if (typeof first !== 'string' || (symbol !== undefined && symbol !== first)) return undefined;
    symbol = first;
  }
  return symbol;
}
