import { expect } from 'chai';
import { IntentClassifier, UNKNOWN_INTENT } from '../../src/fusion/intent-classifier.js';

/** A museum guide's intents: taught with a few phrasings each. */
const TRAIN: Record<string, string[]> = {
  greeting: ['hello', 'hi there', 'good morning', 'hey, nice to meet you', 'good evening!'],
  exhibit: [
    'what is this painting?', 'who made this sculpture', 'tell me about this exhibit',
    'how old is this dinosaur skeleton', 'what century is this vase from',
  ],
  directions: [
    'where is the exit?', 'how do I get to the cafe', 'which way to the toilets',
    'where are the stairs', 'can you show me the way to the gift shop',
  ],
  thanks: ['thank you', 'thanks a lot', 'many thanks!', 'cheers, that was helpful', 'thank you so much'],
  goodbye: ['bye', 'goodbye', 'see you later', 'bye bye, have a nice day', 'see you soon'],
};

/** Phrasings not taught, with their intended meaning. */
const HELD_OUT: [string, string][] = [
  ['Hello there!', 'greeting'],
  ['hey', 'greeting'],
  ['Good afternoon', 'greeting'],
  ['hi, nice to meet you too', 'greeting'],
  ['Who painted this painting?', 'exhibit'],
  ['tell me about this sculpture', 'exhibit'],
  ['how old is this skeleton', 'exhibit'],
  ['what is this exhibit about', 'exhibit'],
  ['Where is the cafe?', 'directions'],
  ['which way to the exit', 'directions'],
  ['how do I get to the gift shop?', 'directions'],
  ['where are the toilets', 'directions'],
  ['Thanks!', 'thanks'],
  ['thank you very much', 'thanks'],
  ['thanks, very helpful', 'thanks'],
  ['many thanks for your help', 'thanks'],
  ['Bye!', 'goodbye'],
  ['see you', 'goodbye'],
  ['goodbye and have a nice day', 'goodbye'],
  ['see you later, bye', 'goodbye'],
];

function taught(): IntentClassifier {
  const c = new IntentClassifier();
  for (const [intent, examples] of Object.entries(TRAIN)) c.teach(intent, examples);
  return c;
}

describe('IntentClassifier', () => {
  describe('#constructor()', () => {
    it('rejects bad options, naming the option and the value', () => {
      expect(() => new IntentClassifier({ threshold: 2 })).to.throw(RangeError, /'threshold'.*got 2/);
      expect(() => new IntentClassifier({ dimensions: 4 })).to.throw(RangeError, /'dimensions'.*got 4/);
      expect(() => new IntentClassifier(null as never)).to.throw(TypeError, /'options'/);
    });
  });

  describe('#teach()', () => {
    it('rejects the reserved intent and non-string examples', () => {
      const c = new IntentClassifier();
      expect(() => c.teach(UNKNOWN_INTENT, ['x'])).to.throw(TypeError, /'intent'.*got 'unknown'/);
      expect(() => c.teach('', ['x'])).to.throw(TypeError, /'intent'/);
      expect(() => c.teach('a', 'x' as never)).to.throw(TypeError, /'examples'.*got 'x'/);
      expect(() => c.teach('a', [1 as never])).to.throw(TypeError, /'examples'/);
    });
  });

  describe('#classify()', () => {
    it('reaches at least 90% accuracy on held-out phrasings', () => {
      const c = taught();
      const wrong = HELD_OUT.filter(([text, intent]) => c.classify(text).intent !== intent);
      const accuracy = 1 - wrong.length / HELD_OUT.length;
      expect(accuracy, `misclassified: ${wrong.map(([t]) => t).join(' | ')}`).to.be.at.least(0.9);
    });
    it('scores every intent and reports the best as confidence', () => {
      const result = taught().classify('thank you!');
      expect(result.intent).to.equal('thanks');
      expect(Object.keys(result.scores).sort()).to.deep.equal(['directions', 'exhibit', 'goodbye', 'greeting', 'thanks']);
      expect(result.confidence).to.be.closeTo(result.scores.thanks, 1e-9);
      expect(Math.max(...Object.values(result.scores))).to.equal(result.scores.thanks);
    });
    it('answers unknown below the threshold and before any teaching', () => {
      expect(new IntentClassifier().classify('hello')).to.deep.equal({ intent: UNKNOWN_INTENT, confidence: 0, scores: {} });
      const c = taught();
      expect(c.classify('xylophone quartz jukebox').intent).to.equal(UNKNOWN_INTENT);
      expect(c.classify('').intent).to.equal(UNKNOWN_INTENT);
    });
  });

  describe('#correct()', () => {
    it('fixes a misclassified phrase and keeps the held-out accuracy', () => {
      const c = taught();
      const phrase = 'who is the artist';
      const before = c.classify(phrase).intent;
      expect(before).to.not.equal('exhibit');
      const after = c.correct(phrase, 'exhibit');
      expect(after.intent).to.equal('exhibit');
      expect(c.classify(phrase).intent).to.equal('exhibit');
      const correct = HELD_OUT.filter(([text, intent]) => c.classify(text).intent === intent).length;
      expect(correct / HELD_OUT.length).to.be.at.least(0.9);
    });
    it('creates an intent never taught', () => {
      const c = taught();
      expect(c.correct('play some music', 'music').intent).to.equal('music');
      expect(c.intents).to.include('music');
    });
  });

  describe('#toJSON() / .fromJSON()', () => {
    it('round-trips every score exactly through JSON text', () => {
      const c = taught();
      c.correct('is there a lift', 'directions');
      const copy = IntentClassifier.fromJSON(JSON.parse(JSON.stringify(c)));
      expect(copy.intents).to.deep.equal(c.intents);
      expect(copy.threshold).to.equal(c.threshold);
      for (const [text] of HELD_OUT) expect(copy.classify(text)).to.deep.equal(c.classify(text));
    });
    it('rejects a malformed snapshot, naming the field', () => {
      const json = taught().toJSON();
      expect(() => IntentClassifier.fromJSON({ ...json, version: 2 as never })).to.throw(TypeError, /'json'/);
      json.intents[1].sum = [1, 2];
      expect(() => IntentClassifier.fromJSON(json)).to.throw(TypeError, /'json.intents\[1\]'/);
    });
  });

  describe('#forget()', () => {
    it('forgets one intent or all', () => {
      const c = taught();
      expect(c.forget('thanks')).to.equal(true);
      expect(c.forget('thanks')).to.equal(false);
      expect(c.intents).to.not.include('thanks');
      expect(c.forget()).to.equal(true);
      expect(c.intents).to.deep.equal([]);
    });
  });
});
