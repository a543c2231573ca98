/**
 * The trainer's state words on the GPU (one small u32 buffer, floats bit-cast): the loss of the last step, the
 * Adam step count and bias-correction powers, the gradient norm and what the Adam kernel needs from it. Kept on
 * the GPU so that steps can be queued without waiting for each other's readback, and a step that meets a
 * non-finite value is skipped without the host knowing in advance.
 */

/** Word indices of the state buffer. */
export const STATE = Object.freeze({
  /** f32: the batch loss (written by the loss kernel). */
  loss: 0,
  /** u32: Adam steps taken (advanced by the norm kernel on a finite step). */
  steps: 1,
  /** f32: the global L2 norm of the gradient before clipping. */
  norm: 2,
  /** f32: the factor the gradient is clipped by (1 when not clipped). */
  scale: 3,
  /** f32: `lr * sqrt(1 - beta2^t) / (1 - beta1^t)`. */
  stepSize: 4,
  /** f32: `eps * sqrt(1 - beta2^t)`. */
  epsHat: 5,
  /** u32: 1 when the loss and the gradient norm were finite (the update ran), else 0. */
  ok: 6,
  /** f32: `beta1^t`. */
  power1: 7,
  /** f32: `beta2^t`. */
  power2: 8,
});

/** Words in the state buffer (48 bytes, a multiple of 16). */
export const STATE_WORDS = 12;

/** The state after `steps` Adam steps (powers computed in double, then rounded to f32). */
export function initialState(steps: number, beta1: number, beta2: number): Uint32Array {
  const words = new Uint32Array(STATE_WORDS);
  const floats = new Float32Array(words.buffer);
  words[STATE.steps] = steps;
  words[STATE.ok] = 1;
  floats[STATE.scale] = 1;
  floats[STATE.power1] = beta1 ** steps;
  floats[STATE.power2] = beta2 ** steps;
  return words;
}

/** `fn finite(x: f32) -> bool` on the bits (a compiler may assume floats are finite, so no `x == x` test). */
export const finiteSnippet = `// True unless x is NaN or +-Infinity (exponent bits all ones), tested on the bits.
fn finite(x: f32) -> bool { return (bitcast<u32>(x) & 0x7f800000u) != 0x7f800000u; }
`;

/** Invocations of the single-workgroup reductions (loss, gradient norm). */
export const REDUCE_SIZE = 256;

/** `fn workgroupSum(t, value) -> f32`: the sum of `value` over the workgroup, by a tree in workgroup memory. */
export const workgroupSumSnippet = `// Tree sum over the ${REDUCE_SIZE} invocations; the total is valid in every invocation after the last barrier.
var<workgroup> partial: array<f32, ${REDUCE_SIZE}>;
fn workgroupSum(t: u32, value: f32) -> f32 {
  partial[t] = value;
  workgroupBarrier();
  for (var s = ${REDUCE_SIZE / 2}u; s > 0u; s >>= 1u) {
    if (t < s) { partial[t] += partial[t + s]; }
    workgroupBarrier();
  }
  return partial[0];
}
`;
