/**
 * Region copies (Concat, Transpose, Slice) and the dimension coalescing that keeps their per-element index
 * arithmetic short: a copy whose rows are contiguous on both sides becomes a slab copy (four elements at a time
 * when aligned), any other one a strided copy unrolled for its coalesced rank.
 */
import { groups1d } from '../kernel.js';
import type { GpuKernel } from '../kernel.js';
import { main1d, storage, stridedOffsets, uniformBlock } from '../wgsl.js';
import { makeKernel, uniforms } from './common.js';

/** Ranks the strided copy handles after coalescing (its uniforms hold three words per dimension). */
export const MAX_COPY_RANK = 6;

/** Dims and one list of strides per operand, as {@link coalesce} returns them. */
export interface Coalesced {
  readonly dims: number[];
  readonly strides: number[][];
}

/**
 * The same row-major walk over `dims` with fewer dimensions: dims of size 1 are dropped, and two adjacent dims
 * merge when every operand steps over the outer one as over a whole run of the inner one (so a contiguous
 * operand stays contiguous and a broadcast one, stride 0, stays broadcast). At least one dim is left.
 */
export function coalesce(dims: readonly number[], strides: readonly (readonly number[])[]): Coalesced {
  const out: Coalesced = { dims: [], strides: strides.map(() => []) };
  dims.forEach((size, d) => {
    if (size === 1) return;
    const last = out.dims.length - 1;
    if (last >= 0 && strides.every((s, k) => out.strides[k][last] === s[d] * size)) {
      out.dims[last] *= size;
      strides.forEach((s, k) => (out.strides[k][last] = s[d]));
    } else {
      out.dims.push(size);
      strides.forEach((s, k) => out.strides[k].push(s[d]));
    }
  });
  if (out.dims.length === 0) return { dims: [1], strides: strides.map(() => [1]) };
  return out;
}

/** The slab copy's shader, over `u32` or `vec4<u32>` units (any 4-byte element, bitwise). */
const slabShader = (unit: 'u32' | 'vec4<u32>') => (): string => storage(0, 'src', unit, false) + storage(1, 'dst', unit, true) + uniformBlock(2)
  + main1d(0, `  // Unit i of 'outer' runs of 'slab' contiguous units, at bases and run strides in words 1-5 (read once).
  let slab = word(1u);
  let srcSlab = word(2u);
  let dstSlab = word(3u);
  let srcBase = word(4u);
  let dstBase = word(5u);
  let outer = i / slab;
  let inner = i - outer * slab;
  dst[dstBase + outer * dstSlab + inner] = src[srcBase + outer * srcSlab + inner];`);

/** The strided copy's shader for a coalesced `rank`. */
const stridedShader = (rank: number) => (): string => storage(0, 'src', 'u32', false) + storage(1, 'dst', 'u32', true) + uniformBlock(2)
  + main1d(0, `${stridedOffsets(rank, 3, [3 + rank, 3 + 2 * rank])}  // Bitwise copy (any 4-byte element) from source base word 1 to target base word 2.
  dst[u32(sword(2u) + offset1)] = src[u32(sword(1u) + offset0)];`);

/**
 * A copy of a region of `dims`: the element at coordinates c goes from `srcBase + c . srcStrides` to
 * `dstBase + c . dstStrides`. Returns undefined when the region needs more than {@link MAX_COPY_RANK} dims
 * after coalescing. Slab words: 0 count (in units), 1 slab, 2 source and 3 target run strides, 4 source and 5
 * target bases (all in units of 1 or 4 elements). Strided words: 0 count, 1 source and 2 target bases, then the
 * dims, the source strides and the target strides (signed).
 */
export function copyRegion(name: string, dims: readonly number[], srcStrides: readonly number[], srcBase: number, dstStrides: readonly number[], dstBase: number): GpuKernel | undefined {
  const count = dims.reduce((a, b) => a * b, 1);
  const { dims: cd, strides: [cs, ct] } = coalesce(dims, [srcStrides, dstStrides]);
  const rank = cd.length;
  if (rank <= 2 && cs[rank - 1] === 1 && ct[rank - 1] === 1) {
    const [srcSlab, dstSlab] = rank === 2 ? [cs[0], ct[0]] : [0, 0];
    const slab = cd[rank - 1];
    const wide = [slab, srcSlab, dstSlab, srcBase, dstBase].every((v) => v % 4 === 0);
    const u = wide ? 4 : 1;
    return makeKernel(`${name} slab${wide ? ' vec4' : ''}`, `copy:slab:${wide ? 'vec4' : 'u32'}`, slabShader(wide ? 'vec4<u32>' : 'u32'), {
      workgroups: groups1d(count / u),
      uniforms: uniforms([count / u, slab / u, srcSlab / u, dstSlab / u, srcBase / u, dstBase / u]),
    });
  }
  if (rank > MAX_COPY_RANK) return undefined;
  return makeKernel(`${name} strided`, `copy:strided:${rank}`, stridedShader(rank), {
    workgroups: groups1d(count),
    uniforms: uniforms([count, srcBase, dstBase, ...cd, ...cs, ...ct]),
  });
}
