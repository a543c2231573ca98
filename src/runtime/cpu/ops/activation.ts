import { FUSED_DOMAIN } from '../../passes/fusion.js';
import type { NodeReader } from './node-reader.js';

/** The output bounds of a fused activation: none is (-Infinity, Infinity), Relu [0, Infinity), Clip [min, max]. */
export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/**
 * The fused activation of a FusedGemm / FusedConv node (see passes/fusion.ts): attribute `activation` ('Relu' or
 * 'Clip', absent for none) with `activation_min` / `activation_max` for Clip. Plain Conv and Gemm nodes have none.
 */
export function readActivation(reader: NodeReader): Bounds {
  if (reader.context.node.domain !== FUSED_DOMAIN) return { lo: -Infinity, hi: Infinity };
  const activation = reader.choice('activation', '', ['', 'Relu', 'Clip']);
  if (activation === 'Relu') return { lo: 0, hi: Infinity };
  if (activation === 'Clip') return { lo: reader.float('activation_min', -Infinity), hi: reader.float('activation_max', Infinity) };
  return { lo: -Infinity, hi: Infinity };
}

/** Whether the bounds change anything. */
export function bounded(bounds: Bounds): boolean {
  return bounds.lo !== -Infinity || bounds.hi !== Infinity;
}

/** Clamps `data` in place to the bounds, as Clip does (`x < lo ? lo : x`, then `x > hi ? hi : x`). */
export function clampInPlace(data: Float32Array, bounds: Bounds): void {
  const { lo, hi } = bounds;
  for (let i = 0; i < data.length; i++) {
    const v = data[i] < lo ? lo : data[i];
    data[i] = v > hi ? hi : v;
  }
}
