import { expect } from 'chai';
import { Mlp } from 'babylon-collaborator';
import { MARGIN, MOVEMENT_MODEL } from '../../examples/smart-home/movement-model.js';
import { evaluateDetector, trainMovementModel, type MovementTraining } from '../../scripts/train-smart-home.js';

describe('scripts/train-smart-home', () => {
  describe('trainMovementModel()', () => {
    /** A short run of the same training as the committed asset's (12 walks instead of 64, 8 + 2 epochs instead of 20 + 10). */
    let training: MovementTraining;
    before(async () => {
      training = await trainMovementModel({ tracks: 12, epochs: 8, fineTuneEpochs: 2, heldOut: 6 });
    });

    it('predicts held-out walks far better than the initialisation', () => {
      expect(training.history).to.have.length(10);
      expect(training.history.at(-1)!, 'last epoch loss').to.be.below(training.history[0]!);
      expect(training.lossAfter, 'held-out MSE after training').to.be.below(training.lossBefore / 4);
      expect(training.optimizer.steps, 'fine-tuning Adam steps (saved with the weights)').to.equal(2 * Math.ceil(training.rows / 32));
    });

    it('calibrates a threshold that tells normal walks from intruders, where the untrained model does not', () => {
      expect(training.threshold).to.be.closeTo(MARGIN * training.normalPeak, 1e-12);
      const trained = evaluateDetector(training.model, training.threshold, 21, 6);
      expect(trained.accuracy, 'trained').to.equal(1);
      const untrained = evaluateDetector(Mlp.create(MOVEMENT_MODEL), training.threshold, 21, 6);
      expect(untrained.accuracy, 'untrained, same threshold').to.be.below(1);
    });
  });
});
