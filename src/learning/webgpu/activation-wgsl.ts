/** How an {@link Activation} of the {@link Mlp} runs on the GPU: fused forward, and its derivative from the output. */
import type { Activation as FusedActivation } from '../../runtime/webgpu/ops/common.js';
import { LEAKY_SLOPE, type Activation } from '../activation.js';

/** The activation fused into the forward GEMM of a layer (the runtime's kinds; leakyRelu's slope in its uniform word). */
export function fusedActivation(activation: Activation): FusedActivation {
  switch (activation) {
    case 'relu': return { kind: 'relu', alpha: 0, beta: 0 };
    case 'leakyRelu': return { kind: 'leakyrelu', alpha: LEAKY_SLOPE, beta: 0 };
    case 'tanh': return { kind: 'tanh', alpha: 0, beta: 0 };
    case 'sigmoid': return { kind: 'sigmoid', alpha: 0, beta: 0 };
    case 'identity': return { kind: 'none', alpha: 0, beta: 0 };
  }
}

/**
 * `fn derivative(out: f32) -> f32`: the activation's derivative computed from its output, as the CPU's
 * `activationBackward` does (relu and leakyRelu keep the sign, so `out <= 0` is the negative side).
 */
export function derivative(activation: Activation): string {
  const body: Record<Activation, string> = {
    relu: 'return select(1.0, 0.0, out <= 0.0);',
    leakyRelu: `return select(1.0, ${LEAKY_SLOPE}, out <= 0.0);`,
    tanh: 'return 1.0 - out * out;',
    sigmoid: 'return out * (1.0 - out);',
    identity: 'return 1.0;',
  };
  return `// Derivative of ${activation} from its output.
fn derivative(out: f32) -> f32 { ${body[activation]} }
`;
}
