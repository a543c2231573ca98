/** The README written beside the smart-home weights by scripts/train-smart-home.ts, with the run's figures. */
import type { WeightFileHeader } from 'babylon-collaborator';
import { MARGIN, SMOOTHING, WEIGHTS_NAME } from '../examples/smart-home/movement-model.js';
import type { DetectorEvaluation, MovementTraining } from './train-smart-home.js';

/** What the README reports. */
export interface WeightsReport {
  readonly training: MovementTraining;
  readonly evaluation: DetectorEvaluation;
  readonly header: WeightFileHeader;
  /** The weight file's size in bytes. */
  readonly bytes: number;
}

const f = (v: number): string => v.toFixed(4);

/** The README's Markdown. */
export function weightsReadme({ training, evaluation, header, bytes }: WeightsReport): string {
  const { normal, intruder } = evaluation;
  return `# Pretrained weights

Made by \`scripts/train-smart-home.ts\` in this repository with the package's own learning API; regenerate with
\`npm run train:assets\` (\`npx tsx scripts/train-smart-home.ts\`). The data are simulated with fixed seeds, so
every run gives the same figures and weights; only the file's \`savedAt\` differs.

## \`${WEIGHTS_NAME}.weights\`

The smart-home example's model of normal movement (\`examples/smart-home/movement-model.ts\`): an MLP
\`${header.signature}\` (${header.parameterCount} parameters) that predicts a person's velocity from their
position, saved by \`WeightStore\` (format version ${header.formatVersion}, CRC-32 checked, ${bytes} bytes) with its
Adam state after ${header.optimizer?.steps ?? 0} steps, so that training continues where it stopped; its metadata
carry the alert threshold and the figures below. The scene reads it with \`WeightStore\` over a read-only fetch
backend (\`examples/smart-home/fetch-weight-backend.ts\`) into \`IntrusionDetector.loadPretrained\`: the detector
scores from the first frame, then keeps learning online from the movement it judges normal.

- **Data** (\`examples/smart-home/movement-data.ts\`): the resident's daily loop of \`routes.ts\`, walked from random
  times of day, at scene speeds 1 to 3, frames of 1/60 to 1/10 s (each varying 0.75x to 1.5x, capped at 100 ms as the
  collaborators' clock caps them) and up to 5 cm of sway, sampled as the scene's \`MotionSensor\`s sample it:
  position / 12 m, velocity / 2.4 m/s clamped to [-1, 1], zero velocity on the frame a person appears.
  Training: ${training.rows} frames of 64 walks of 40 s (seed 1). Calibration: 32 other walks (seed 2).
  Evaluation: 32 other walks and 32 walks of the intruder's path (seed 3).
- **Training**: MSE, batches of 32, shuffled, from the model's seeded initialisation (seed 7):
  ${training.epochs} epochs with Adam (lr 1e-2), then ${training.fineTuneEpochs} with a new Adam (lr 1e-3, the rate
  the scene goes on learning at; its state is the one saved).
- **Threshold**: the anomaly score is the per-person squared prediction error smoothed with weight ${SMOOTHING} per
  frame; the threshold is ${MARGIN} x its highest value on the calibration walks.

| figure | value |
| --- | --- |
| MSE on the evaluation walks, before training | ${f(training.lossBefore)} |
| MSE on the evaluation walks, after training | ${f(training.lossAfter)} |
| training loss, first and last epoch | ${f(training.history[0]!)}, ${f(training.history.at(-1)!)} |
| highest score on the calibration walks | ${f(training.normalPeak)} |
| alert threshold | ${f(training.threshold)} |
| evaluation walks below the threshold (highest score) | ${normal.below} / ${normal.count} (${f(normal.highest)}) |
| intruder walks above the threshold (lowest peak score) | ${intruder.above} / ${intruder.count} (${f(intruder.lowest)}) |
| accuracy (walks classified right) | ${(100 * evaluation.accuracy).toFixed(1)} % |

The unit tests check the committed file on walks of other seeds, in Node and served over HTTP as the page reads it
(\`test/examples/smart-home-weights.test.ts\`), and rerun a short training to check that it improves the model
(\`test/scripts/train-smart-home.test.ts\`).

## Licence

Apache-2.0, as the rest of this repository: the weights are made only from this repository's code and simulated
data; no third-party data or model is involved.
`;
}
