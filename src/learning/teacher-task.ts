/** A synthetic supervised task: targets made by a hidden "teacher" network from uniform random inputs. */
import { Tensor } from '../runtime/tensor.js';
import type { Dataset } from './dataset.js';
import type { Mlp } from './mlp.js';
import { SeededRandom } from './random.js';

/**
 * `count` rows of inputs drawn uniformly from [-1, 1] and the teacher's outputs for them: a task with a known
 * exact solution (the teacher's architecture reaches loss 0), for demos and checks of training.
 */
export function teacherDataset(teacher: Mlp, count: number, seed: number): Dataset {
  const random = new SeededRandom(seed);
  const x = Float32Array.from({ length: count * teacher.inputSize }, () => random.uniform(-1, 1));
  const input = new Tensor('float32', x, [count, teacher.inputSize]);
  return { x: input, y: teacher.predict(input) };
}
