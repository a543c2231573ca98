import { expect } from 'chai';
import { IntentClassifier } from '../../src/fusion/intent-classifier.js';
import { KnowledgeFormatError, type KnowledgeJSON } from '../../src/reasoning/fact.js';
import { KnowledgeBase } from '../../src/reasoning/knowledge-base.js';
import { joinList, MissingSlotError, pluralize, render, TemplateSyntaxError } from '../../src/reasoning/nlg.js';
import type { IntentRecognizer } from '../../src/reasoning/question-intent.js';

/** A small museum: exhibits in rooms, rooms next to each other, artists and years. */
const MUSEUM: KnowledgeJSON = {
  relations: { next_to: { symmetric: true }, painted_by: { inverse: 'painted' } },
  facts: [
    { subject: 'Mona Lisa', relation: 'is_a', object: 'painting' },
    { subject: 'Mona Lisa', relation: 'painted_by', object: 'Leonardo da Vinci' },
    { subject: 'Mona Lisa', relation: 'year', object: 1503 },
    { subject: 'Mona Lisa', relation: 'in_room', object: 'Room 1' },
    ['The Starry Night', 'is_a', 'painting'],
    ['The Starry Night', 'painted_by', 'Vincent van Gogh'],
    ['The Starry Night', 'year', 1889],
    ['The Starry Night', 'in_room', 'Room 2'],
    ['Sunflowers', 'painted_by', 'Vincent van Gogh'],
    ['Sunflowers', 'year', 1888],
    ['Sunflowers', 'in_room', 'Room 2'],
    ['The Thinker', 'is_a', 'sculpture'],
    ['The Thinker', 'made_by', 'Auguste Rodin'],
    ['The Thinker', 'year', 1904],
    ['The Thinker', 'in_room', 'Room 3'],
    ['Room 1', 'next_to', 'Room 2'],
    ['Room 2', 'next_to', 'Room 3'],
    ['Room 12', 'next_to', 'Room 3'],
    ['Leonardo da Vinci', 'born_in', 'Vinci'],
    ['Vincent van Gogh', 'born_in', 'Zundert'],
  ],
};

/** The sensors issue's few-shot classifier, taught the museum's questions. */
function museumClassifier(): IntentClassifier {
  return new IntentClassifier()
    .teach('where', ['where is it', 'in which room is it', 'where can I find it', 'which room is it in'])
    .teach('next_to', ['what is next to it', 'which rooms are beside it', 'what is near it', 'what is adjacent to it'])
    .teach('who_made', ['who painted it', 'who made it', 'who is the artist of it', 'who created it'])
    .teach('when', ['when was it made', 'what year is it from', 'how old is it', 'when was it painted'])
    .teach('works_by', ['what did it paint', 'which works are by it', 'show me works of it', 'what did it make']);
}

function museum(classifier: IntentRecognizer = museumClassifier()): KnowledgeBase {
  const kb = KnowledgeBase.fromJSON(JSON.stringify(MUSEUM), { classifier, minConfidence: 0.3 });
  kb.defineIntent('where', { patterns: [['$entity', 'in_room', '?room']], template: '{entity} is in {room}.', none: "I don't know where {entity} is." });
  kb.defineIntent('next_to', { patterns: [['$entity', 'next_to', '?room']], template: 'Next to {entity} {room?is|are} {room}.' });
  kb.defineIntent('who_made', { patterns: [['$entity', 'painted_by', '?artist']], template: '{entity} was painted by {artist}.', none: "{entity} wasn't painted by anyone I know." });
  kb.defineIntent('when', { patterns: [['$entity', 'year', '?year']], template: '{entity} is from {year}.' });
  kb.defineIntent('works_by', { patterns: [['$entity', 'painted', '?work'], ['?work', 'year', '?year']], template: '{entity} painted {#work} {work?work} in the collection: {work}.' });
  return kb;
}

describe('KnowledgeBase', () => {
  describe('.fromJSON()', () => {
    it('loads facts, adding what symmetric and inverse relations imply', () => {
      const kb = museum();
      expect(kb.size).to.equal(MUSEUM.facts.length + 3 + 3); // 3 next_to mirrored, 3 painted inverses
      expect(kb.query({ subject: 'Room 2', relation: 'next_to' }).map((f) => [f.object, f.derived ?? false])).to.deep.equal([['Room 1', true], ['Room 3', false]]);
    });

    for (const [json, error] of [
      ['{ "facts": [', /\(root\) is not valid JSON/],
      [{ facts: 'none' }, /^KnowledgeBase: facts must be an array, got "none"$/],
      [{ facts: [['a', 'b', 'c'], ['Mona Lisa', 'year']] }, /^KnowledgeBase: facts\[1\] must be \[subject, relation, object\], got 2 items$/],
      [{ facts: [{ subject: 'Mona Lisa', relation: 'year', object: null }] }, /^KnowledgeBase: facts\[0\]\.object must be .*got null$/],
      [{ facts: [['', 'is_a', 'x']] }, /^KnowledgeBase: facts\[0\]\[0\] must be a non-empty string, got ""$/],
      [{ facts: [], relations: { next_to: { symmetric: 'yes' } } }, /^KnowledgeBase: relations\.next_to\.symmetric must be a boolean, got "yes"$/],
    ] as const) {
      it(`throws KnowledgeFormatError naming the bad entry for ${JSON.stringify(json).slice(0, 60)}`, () => {
        expect(() => KnowledgeBase.fromJSON(json)).to.throw(KnowledgeFormatError, error);
      });
    }
  });

  describe('#query()', () => {
    const kb = museum();
    it('matches any of subject, relation and object, case-insensitively, with wildcards', () => {
      expect(kb.query({ relation: 'in_room', object: 'room 2' }).map((f) => f.subject)).to.deep.equal(['The Starry Night', 'Sunflowers']);
      expect(kb.query({ subject: 'mona lisa', relation: '*', object: 1503 }).map((f) => f.relation)).to.deep.equal(['year']);
      expect(kb.query({ object: 'Vincent van Gogh' }).map((f) => f.subject)).to.deep.equal(['The Starry Night', 'Sunflowers']);
      expect(kb.query().length).to.equal(kb.size);
      expect(kb.query({ subject: 'Nobody' })).to.deep.equal([]);
    });
  });

  describe('#match()', () => {
    const kb = museum();
    it('joins patterns on shared variables', () => {
      // paintings in rooms next to Room 3
      expect(kb.match([['?work', 'is_a', 'painting'], ['?work', 'in_room', '?room'], ['?room', 'next_to', 'Room 3']]))
        .to.deep.equal([{ work: 'The Starry Night', room: 'Room 2' }]);
      // works of artists born in Zundert, with their years
      expect(kb.match([['?artist', 'born_in', 'Zundert'], ['?work', 'painted_by', '?artist'], ['?work', 'year', '?year']]))
        .to.deep.equal([
          { artist: 'Vincent van Gogh', work: 'The Starry Night', year: 1889 },
          { artist: 'Vincent van Gogh', work: 'Sunflowers', year: 1888 },
        ]);
    });
    it('requires a repeated variable to take one value', () => {
      kb.add(['Narcissus', 'painted_by', 'Narcissus']);
      expect(kb.match([['?x', 'painted_by', '?x']])).to.deep.equal([{ x: 'Narcissus' }]);
    });
  });

  describe('#follow()', () => {
    it('follows a path of relations', () => {
      const kb = museum();
      expect(kb.follow('Mona Lisa', ['painted_by', 'born_in'])).to.deep.equal(['Vinci']);
      expect(kb.follow('Room 1', ['next_to', 'next_to'])).to.deep.equal(['Room 1', 'Room 3']);
      expect(kb.follow('Sunflowers', ['year', 'next_to'])).to.deep.equal([]);
    });
  });

  describe('#answer()', () => {
    const kb = museum();
    const cases: [string, string][] = [
      ['Where is the Mona Lisa?', 'Mona Lisa is in Room 1.'],
      ['In which room can I find Sunflowers?', 'Sunflowers is in Room 2.'],
      ['What is next to room 2?', 'Next to Room 2 are Room 1 and Room 3.'],
      ['What is next to Room 12?', 'Next to Room 12 is Room 3.'],
      ['Who painted The Starry Night?', 'The Starry Night was painted by Vincent van Gogh.'],
      ['When was the Thinker made?', 'The Thinker is from 1904.'],
      ['Which works are by Vincent van Gogh?', 'Vincent van Gogh painted 2 works in the collection: The Starry Night and Sunflowers.'],
      ['Who painted The Thinker?', "The Thinker wasn't painted by anyone I know."],
    ];
    for (const [question, expected] of cases) {
      it(`answers "${question}"`, () => {
        expect(kb.answer(question).text).to.equal(expected);
      });
    }

    it('reports the intent, entity and bindings', () => {
      const answer = kb.answer('Where is the Mona Lisa?');
      expect(answer).to.include({ answered: true, intent: 'where', entity: 'Mona Lisa' });
      expect(answer.bindings).to.deep.equal({ room: ['Room 1'] });
    });

    it('asks which entity when the question names none, and says so when not understood', () => {
      expect(kb.answer('Where is it?')).to.include({ answered: false, text: 'Which one do you mean?' });
      const stub = museum({ classify: () => ({ intent: 'weather', confidence: 0.9 }) });
      expect(stub.answer('Will it rain on the Mona Lisa?')).to.include({ answered: false, text: "Sorry, I don't understand the question." });
      const unsure = museum({ classify: () => ({ intent: 'where', confidence: 0.1 }) });
      expect(unsure.answer('Mona Lisa?').answered).to.equal(false);
    });

    it('throws without a classifier', () => {
      expect(() => KnowledgeBase.fromJSON(MUSEUM).answer('Where is the Mona Lisa?')).to.throw(Error, /no classifier/);
    });
  });

  describe('#findEntities()', () => {
    it('finds known names on word boundaries, the longest first', () => {
      const kb = museum();
      expect(kb.findEntities('Is room 12 next to Room 1 or the mona lisa?')).to.deep.equal(['Room 12', 'Room 1', 'Mona Lisa']);
      expect(kb.findEntities('Room 123 and Vincis')).to.deep.equal([]);
    });
  });

  describe('#defineIntent()', () => {
    it('rejects malformed patterns', () => {
      expect(() => museum().defineIntent('bad', { patterns: [['$entity', 'year']] as never, template: '' })).to.throw(TypeError, /'patterns'/);
    });
  });
});

describe('nlg', () => {
  describe('render()', () => {
    it('fills slots, joins lists, counts and pluralises', () => {
      const rooms = ['Room 1', 'Room 2', 'Room 3'];
      expect(render('{#rooms} {rooms?room}: {rooms}. {{literal}}', { rooms })).to.equal('3 rooms: Room 1, Room 2 and Room 3. {literal}');
      expect(render('There {n?is|are} {n} {n?box}.', { n: 1 })).to.equal('There is 1 box.');
      expect(render('There {n?is|are} {n} {n?box}.', { n: 0 })).to.equal('There are 0 boxes.');
      expect(render('{who?person} {who?is} here: {who}', { who: ['Ada', 'Alan'] })).to.equal('people are here: Ada and Alan');
    });
    it('throws MissingSlotError naming the slot', () => {
      expect(() => render('{entity} is in {room}.', { entity: 'Mona Lisa' })).to.throw(MissingSlotError, /'room'/)
        .with.property('slot', 'room');
    });
    it('throws TemplateSyntaxError for malformed templates', () => {
      expect(() => render('oops {room', { room: 'x' })).to.throw(TemplateSyntaxError, /unclosed '\{' at 5/);
      expect(() => render('a } b', {})).to.throw(TemplateSyntaxError, /unmatched/);
      expect(() => render('{two words}', {})).to.throw(TemplateSyntaxError, /malformed slot/);
    });
  });
  describe('joinList() and pluralize()', () => {
    it('reads lists and plurals in English', () => {
      expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map((l) => joinList(l))).to.deep.equal(['', 'a', 'a and b', 'a, b and c']);
      expect(joinList(['tea', 'coffee'], 'or')).to.equal('tea or coffee');
      expect(['exhibit', 'gallery', 'church', 'day', 'child'].map((w) => pluralize(w, 2))).to.deep.equal(['exhibits', 'galleries', 'churches', 'days', 'children']);
    });
  });
});
