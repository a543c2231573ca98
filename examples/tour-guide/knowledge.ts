/**
 * The guide's knowledge: assets/museum/knowledge.json in a KnowledgeBase, with a few-shot IntentClassifier
 * naming what a typed question asks and one answer pattern per intent.
 */
import { IntentClassifier, KnowledgeBase, type IntentAnswer, type KnowledgeJSON } from 'babylon-collaborator';

/** Per intent: example phrasings (entity names replaced by "it", as the knowledge base does) and the answer. */
const INTENTS: Record<string, { examples: string[]; answer: IntentAnswer }> = {
  where: {
    examples: ['where is it', 'which room is it in', 'where can I find it', 'how do I get to it', 'where is it shown'],
    answer: { patterns: [['$entity', 'in_room', '?room']], template: '{entity} is in the {room}.' },
  },
  who: {
    examples: ['who made it', 'who painted it', 'who is the artist of it', 'who created it', 'who found it', 'who built it'],
    answer: { patterns: [['$entity', 'by', '?who']], template: '{entity} is by {who}.' },
  },
  when: {
    examples: ['when was it made', 'what year is it from', 'how old is it', 'how old', 'what age is it', 'when was it painted', 'when was it found'],
    answer: { patterns: [['$entity', 'year', '?year']], template: '{entity} is from {year}.' },
  },
  about: {
    examples: ['what is it', 'tell me about it', 'describe it', 'what kind of thing is it', 'what am I looking at in it'],
    answer: { patterns: [['$entity', 'about', '?about']], template: '{about}' },
  },
  near: {
    examples: ['what is next to it', 'what is near it', 'what is beside it', 'what is close to it', 'what is around it'],
    answer: { patterns: [['$entity', 'next_to', '?near']], template: 'Next to {entity}: {near}.' },
  },
  works: {
    examples: ['what did it make', 'which works are by it', 'what else did it do', 'show me the works of it'],
    answer: { patterns: [['$entity', 'made', '?work']], template: '{entity} made {work}.' },
  },
  holds: {
    examples: ['what is in it', 'what can I see in it', 'what does it hold', 'what is on show in it'],
    answer: { patterns: [['$entity', 'holds', '?exhibit']], template: 'The {entity} holds {exhibit}.' },
  },
  origin: {
    examples: ['where is it from', 'where was it born', 'which country is it from', 'when was it born'],
    answer: { patterns: [['$entity', 'from', '?country'], ['$entity', 'born', '?born']], template: '{entity} was born in {country} in {born}.' },
  },
};

/** The knowledge base over `json`, answering the intents above. */
export function createKnowledgeBase(json: KnowledgeJSON): KnowledgeBase {
  const classifier = new IntentClassifier({ threshold: 0.3 });
  for (const [intent, { examples }] of Object.entries(INTENTS)) classifier.teach(intent, examples);
  const kb = KnowledgeBase.fromJSON(json, {
    classifier,
    notUnderstood: 'Sorry, I did not get that. Ask me where, who, when or what about an exhibit.',
  });
  for (const [intent, { answer }] of Object.entries(INTENTS)) kb.defineIntent(intent, answer);
  return kb;
}
