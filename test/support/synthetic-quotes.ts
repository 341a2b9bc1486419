import type { Db } from '../../src/store/database.js';
import { SqliteFeedStore } from '../../src/store/feeds.js';
import { SqliteItemStore } from '../../src/store/items.js';
import { matchKey, quoteTerms } from '../../src/store/quote-text.js';
import type { ExtractedQuote } from '../../src/analysis/quotes/types.js';
import { MIN_CONTAINED_WORDS, SqliteQuoteStore } from '../../src/store/quotes.js';
import { pick, seededRandom } from './random.js';

/**
 * Synthetic quotes for the /whosaid benchmark: statements in the register of the peace-talk coverage, put in the
 * mouths of the usual speakers and carried by one to three outlets each (with straight or curly punctuation).
 */

const SPEAKERS: Pick<ExtractedQuote, 'speaker' | 'speakerId' | 'speakerType' | 'speakerLabel'>[] = [
  { speaker: 'Volodymyr Zelensky', speakerId: 'volodymyr-zelensky', speakerType: 'person', speakerLabel: null },
  { speaker: 'Donald Trump', speakerId: 'donald-trump', speakerType: 'person', speakerLabel: null },
  { speaker: 'Vladimir Putin', speakerId: 'vladimir-putin', speakerType: 'person', speakerLabel: null },
  { speaker: 'Steve Witkoff', speakerId: 'steve-witkoff', speakerType: 'person', speakerLabel: null },
  { speaker: 'Sergei Lavrov', speakerId: 'sergei-lavrov', speakerType: 'person', speakerLabel: null },
  { speaker: 'Dmitry Peskov', speakerId: 'dmitry-peskov', speakerType: 'person', speakerLabel: null },
  { speaker: 'Marco Rubio', speakerId: 'marco-rubio', speakerType: 'person', speakerLabel: null },
  { speaker: 'Andriy Yermak', speakerId: 'andriy-yermak', speakerType: 'person', speakerLabel: null },
  { speaker: 'Emmanuel Macron', speakerId: 'emmanuel-macron', speakerType: 'person', speakerLabel: null },
  { speaker: 'Keir Starmer', speakerId: 'keir-starmer', speakerType: 'person', speakerLabel: null },
  { speaker: 'Friedrich Merz', speakerId: 'friedrich-merz', speakerType: 'person', speakerLabel: null },
  { speaker: 'Ursula von der Leyen', speakerId: 'ursula-von-der-leyen', speakerType: 'person', speakerLabel: null },
  { speaker: 'Mark Rutte', speakerId: 'mark-rutte', speakerType: 'person', speakerLabel: null },
  { speaker: null, speakerId: null, speakerType: 'nominal', speakerLabel: 'a senior Ukrainian official' },
  { speaker: null, speakerId: null, speakerType: 'nominal', speakerLabel: 'one European diplomat' },
  { speaker: null, speakerId: null, speakerType: 'organization', speakerLabel: 'the Kremlin' },
  { speaker: null, speakerId: null, speakerType: 'unknown', speakerLabel: null },
];

const OUTLETS = ['Reuters', 'AP', 'BBC', 'CNN', 'Al Jazeera', 'Kyiv Independent', 'Meduza', 'Politico Europe', 'The Guardian', 'DW', 'France 24', 'NPR'];
const RECIPIENTS = [null, null, null, 'CNN', 'Fox News', 'reporters', 'the BBC', 'journalists in Kyiv'];

const OPENERS = ['', '', '', 'We believe that', 'I think', 'Let me be clear:', 'Frankly,', 'As I said yesterday,', 'There is no doubt that',
  'Everyone understands that', 'I can tell you that', 'The truth is that', 'We have always said that', 'Nobody should doubt that',
  'I told the president that', 'Our position is simple:', 'It is obvious that', 'I am convinced that', 'Unfortunately,', 'Today'];
const SUBJECTS = ['Russia', 'Ukraine', 'the United States', 'Europe', 'our European partners', 'the Kremlin', 'Moscow', 'Kyiv',
  'Washington', 'the coalition of the willing', 'President Putin', 'the Ukrainian people', 'our delegation', 'the negotiators',
  'NATO', 'this administration', 'the other side', 'nobody in Brussels', 'the Russian army', 'our soldiers', 'the world',
  'the Trump administration', 'the Europeans', 'our allies', 'the aggressor'];
const VERBS = ['is ready to', 'will never', 'must', 'cannot', 'is prepared to', 'has agreed to', 'wants to', 'will continue to',
  'refuses to', 'should', 'is trying to', 'has no intention to', 'is not going to', 'will be forced to', 'needs to'];
const ACTIONS = ['accept a ceasefire', 'give up territory', 'discuss security guarantees', 'sign a peace deal', 'withdraw its troops',
  'recognise the occupation of Crimea', 'return the deported children', 'stop the strikes on our cities', 'negotiate without preconditions',
  'meet face to face', 'freeze the front line', 'lift the sanctions', 'rebuild the armed forces', 'defend Ukraine', 'end this war',
  'offer Article 5-like protection', 'exchange all prisoners', 'hold elections', 'trade land for peace', 'protect the Zaporizhzhia plant',
  'guarantee safe passage in the Black Sea', 'pay for reconstruction', 'deploy a reassurance force', 'talk about the Donbas',
  'respect international law', 'keep sending air defence', 'give Kyiv long-range missiles', 'sit at the table', 'bring a real plan',
  'accept a memorandum', 'drop its maximalist demands', 'stop the energy strikes', 'open humanitarian corridors', 'unfreeze Russian assets',
  'join the European Union', 'stay neutral', 'cut the supply lines', 'honour the Budapest Memorandum', 'show real flexibility',
  'take the first step'];
const QUALIFIERS = ['', '', '', 'this year', 'before the winter', 'at any price', 'in the coming weeks', 'under any circumstances',
  'without the Europeans at the table', 'as long as the shelling continues', 'in Alaska', 'in Istanbul', 'in Riyadh', 'in Geneva',
  'within 30 days', 'by Christmas', 'right now', 'step by step', 'on our terms', 'after the summit', 'in good faith',
  'before the elections', 'behind closed doors', 'for the sake of our children'];
const PLACES = ['Kharkiv', 'Odesa', 'Kherson', 'Zaporizhzhia', 'Pokrovsk', 'Bakhmut', 'Avdiivka', 'Kupiansk', 'Sumy', 'Chernihiv',
  'Mariupol', 'Melitopol', 'Berdyansk', 'Donetsk', 'Luhansk', 'Sevastopol', 'Kerch', 'Belgorod', 'Kursk', 'Bryansk', 'Dnipro', 'Lviv',
  'Vinnytsia', 'Poltava', 'Kramatorsk', 'Sloviansk', 'Toretsk', 'Chasiv Yar', 'Vuhledar', 'Huliaipole', 'Orikhiv', 'Nikopol',
  'Enerhodar', 'Izium', 'Lyman', 'Siversk', 'Kostiantynivka', 'Myrnohrad', 'Velyka Novosilka', 'Robotyne', 'Krynky', 'Kinburn',
  'Snake Island', 'Minsk', 'Warsaw', 'Rzeszow', 'Vilnius', 'Riga', 'Tallinn', 'Helsinki', 'Ankara', 'Doha', 'Jeddah', 'Abu Dhabi',
  'the Vatican', 'Budapest', 'Bratislava', 'Prague', 'Berlin', 'Paris', 'London', 'Rome', 'Madrid', 'Brussels', 'Copenhagen',
  'Oslo', 'Stockholm', 'Tokyo', 'Beijing', 'New Delhi', 'Tehran', 'Pyongyang', 'Anchorage', 'Davos', 'Munich', 'The Hague',
  'Chisinau', 'Transnistria', 'Tbilisi', 'Yerevan', 'Baku', 'Astana', 'Novorossiysk', 'Rostov', 'Kaliningrad', 'Murmansk'];
const UNITS = ['drones', 'missiles', 'prisoners', 'kilometres', 'days', 'billion dollars', 'million euros', 'soldiers', 'children',
  'tanks', 'brigades', 'villages', 'shells', 'generators', 'interceptors', 'hours', 'sanctions packages', 'power stations'];
const ADJECTIVES = ['ballistic', 'strategic', 'humanitarian', 'nuclear', 'bilateral', 'trilateral', 'comprehensive', 'temporary',
  'unconditional', 'partial', 'permanent', 'verifiable', 'credible', 'binding', 'secret', 'informal', 'technical', 'military',
  'economic', 'maritime', 'legal', 'multinational', 'parliamentary', 'constitutional', 'territorial', 'diplomatic', 'frozen'];
const NOUNS = ['monitoring mission', 'airspace', 'grain corridor', 'energy truce', 'prisoner swap', 'buffer zone', 'demilitarised zone',
  'referendum', 'peacekeeping contingent', 'reparations fund', 'security pact', 'non-aggression treaty', 'arms embargo',
  'exchange list', 'framework agreement', 'road map', 'ceasefire line', 'observer mission', 'tribunal', 'compensation mechanism',
  'shipping lanes', 'power grid', 'nuclear plant', 'dam', 'railway', 'port', 'bridge', 'border crossing', 'air base', 'frontier',
  'minefields', 'sanctions relief', 'asset seizure', 'oil price cap', 'gas transit', 'ammunition plant', 'reconstruction bank',
  'membership talks', 'accession chapter', 'veto', 'summit communique', 'hotline', 'amnesty', 'martial law', 'mobilisation'];
const DETAILS: ((next: () => number) => string)[] = [
  (next) => `in ${zipf(next, PLACES)}`,
  (next) => `near ${zipf(next, PLACES)}`,
  (next) => `after ${2 + Math.floor(next() * 900)} ${pick(next, UNITS)}`,
  (next) => `with the ${zipf(next, ADJECTIVES)} ${zipf(next, NOUNS)}`,
  (next) => `around the ${zipf(next, NOUNS)} in ${zipf(next, PLACES)}`,
];
const CODAS = ['That is big.', 'This is against our constitution.', 'There is nothing to talk about here.', 'We will see.',
  'It is a historic moment.', 'Time is running out.', 'Nobody wants a frozen conflict.', 'The ball is in their court.',
  'This is not a game.', 'History will judge us.', 'We are not naive.', 'The details matter.', 'I mean, really big.',
  'Words are not enough.', 'The next days will be decisive.'];

/** Picks early entries more often, as words occur in real text (a few often, most rarely). */
function zipf<T>(next: () => number, list: readonly T[]): T {
  return list[Math.floor(next() ** 2 * list.length)] as T;
}

/**
 * Words a speaker slips in anywhere ("Russia now is ready to finally accept…"). The varied corpus puts them between
 * the template's parts, with a date, so that six consecutive words of one statement seldom occur in another, as
 * with real quotes; without them most six-word stretches recur in hundreds of statements.
 */
const ASIDES = ['clearly', 'now', 'still', 'finally', 'really', 'certainly', 'simply', 'openly', 'quietly', 'already', 'actually',
  'probably', 'surely', 'again', 'frankly', 'honestly', 'obviously', 'immediately', 'eventually', 'seriously', 'fully',
  'genuinely', 'urgently', 'firmly', 'repeatedly', 'publicly', 'privately', 'formally', 'quickly', 'slowly', 'gradually',
  'effectively', 'technically', 'politically', 'militarily', 'legally', 'morally', 'personally', 'collectively', 'unilaterally',
  'carefully', 'deliberately', 'reluctantly', 'willingly', 'naturally', 'basically', 'essentially', 'presumably', 'supposedly',
  'apparently', 'evidently', 'undoubtedly', 'definitely', 'absolutely', 'entirely', 'largely', 'partly', 'mostly', 'hardly',
  'barely', 'merely', 'only', 'even', 'perhaps', 'maybe', 'today', 'tomorrow', 'soon', 'later', 'meanwhile', 'nonetheless',
  'nevertheless', 'however', 'therefore', 'accordingly', 'consequently', 'indeed', 'likewise', 'otherwise', 'instead',
  'anyway', 'regardless', 'inevitably', 'ultimately', 'initially', 'previously', 'recently', 'currently', 'lately', 'rarely'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function aside(next: () => number): string {
  return next() < 0.9 ? pick(next, ASIDES) : '';
}

/** A stock phrase of three words or more gets an aside inside it, two from five words ("as long as the shelling still continues"). */
function sprinkled(next: () => number, phrase: string): string {
  const words = phrase.split(' ');
  for (let count = words.length >= 5 ? 2 : words.length >= 3 ? 1 : 0; count > 0; count -= 1) {
    words.splice(1 + Math.floor(next() * (words.length - 1)), 0, aside(next));
  }
  return words.filter(Boolean).join(' ');
}

function statement(next: () => number, varied: boolean): string {
  const opener = pick(next, OPENERS);
  const detail = next() < 0.75 ? pick(next, DETAILS)(next) : '';
  const date = varied && next() < 0.8 ? `on ${1 + Math.floor(next() * 28)} ${pick(next, MONTHS)}` : '';
  const parts = varied
    ? [aside(next), pick(next, SUBJECTS), aside(next), pick(next, VERBS), aside(next), sprinkled(next, pick(next, ACTIONS)), date, sprinkled(next, detail), aside(next), sprinkled(next, pick(next, QUALIFIERS))]
    : [pick(next, SUBJECTS), pick(next, VERBS), pick(next, ACTIONS), detail, pick(next, QUALIFIERS)];
  const clause = parts.filter(Boolean).join(' ');
  const sentence = opener ? `${varied ? sprinkled(next, opener) : opener} ${clause}` : clause;
  const first = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  // A coda is a stock sentence: in the varied corpus it would make the stretches drawn from it match hundreds of quotes.
  return !varied && next() < 0.35 ? `${first} ${pick(next, CODAS)}` : first;
}

/** One outlet's copy: curly or straight apostrophes and dashes, sometimes without the trailing full stop. */
function outletCopy(next: () => number, text: string): string {
  const styled = next() < 0.5 ? text.replaceAll("'", '\u2019').replaceAll(' - ', ' \u2014 ') : text;
  return next() < 0.3 ? styled.replace(/\.$/, '') : styled;
}

export interface SeededQuotes {
  /** Every generated statement, for drawing search fragments. */
  statements: string[];
}

/**
 * Stores `count` synthetic statements as quotes into a migrated database, each carried by one to three outlets,
 * creating the feeds and items they need. Deterministic for a given seed. Rows are written directly rather than
 * through QuoteStore.saveForItem: the generator already knows which copies are one quote, and seeding 100,000
 * quotes through the merge look-ups would take minutes. (Merging itself is covered by test/store/quotes.test.ts.)
 * Ends by optimising the full-text index, as production should after a bulk import and daily. `varied` adds asides
 * and dates (see ASIDES): the corpus for measuring whether a stretch of a quote finds that very quote.
 */
export function seedSyntheticQuotes(db: Db, count: number, seed = 1, options: { varied?: boolean } = {}): SeededQuotes {
  const next = seededRandom(seed);
  const feeds = new SqliteFeedStore(db);
  const items = new SqliteItemStore(db);
  const feedIds = OUTLETS.map(
    (outlet) => feeds.register({ url: `https://${outlet.toLowerCase().replaceAll(' ', '-')}.example/feed`, outlet, fullText: false, intervalSeconds: 600, origin: 'config' }, 0).id,
  );
  const insertQuote = db.prepare(
    `INSERT INTO quotes (direct, match_key, head_key, word_count, text, kind, speaker, speaker_id, speaker_type, speaker_label, cue,
       to_whom, confidence, first_reported_at)
     VALUES (1, @key, @head, @wordCount, @text, 'full', @speaker, @speakerId, @speakerType, @speakerLabel, 'said', @to, @confidence, @reportedAt)`,
  );
  const insertSource = db.prepare(
    `INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker, speaker_id, speaker_type,
       speaker_label, cue, to_whom, confidence)
     VALUES (@quoteId, @itemId, @reportedAt, 0, @length, @text, 'full', @speaker, @speakerId, @speakerType, @speakerLabel, 'said', @to, @confidence)`,
  );
  const statements: string[] = [];
  const base = Date.UTC(2025, 7, 1);
  db.transaction(() => {
    for (let index = 0; index < count; index += 1) {
      const text = statement(next, options.varied ?? false);
      statements.push(text);
      const terms = quoteTerms(text);
      const attribution = { ...pick(next, SPEAKERS), to: pick(next, RECIPIENTS), confidence: 0.5 + next() * 0.5 };
      const reportedAt = base + index * 60_000;
      const quoteId = Number(
        insertQuote.run({ ...attribution, key: matchKey(terms), head: matchKey(terms.slice(0, MIN_CONTAINED_WORDS)), wordCount: terms.length, text, reportedAt })
          .lastInsertRowid,
      );
      const outlets = new Set(Array.from({ length: 1 + Math.floor(next() * next() * 3.5) }, () => pick(next, feedIds)));
      [...outlets].forEach((feedId, copy) => {
        const [itemId] = items.insertNew(feedId, [syntheticItem(`${index}-${copy}`, text)], reportedAt, false);
        const copyText = outletCopy(next, text);
        insertSource.run({ ...attribution, quoteId, itemId, reportedAt: reportedAt + copy * 300_000, length: copyText.length, text: copyText });
      });
    }
  })();
  new SqliteQuoteStore(db).optimizeSearchIndex();
  return { statements };
}

function syntheticItem(identity: string, text: string) {
  return {
    identity,
    guid: identity,
    link: `https://news.example/${identity}`,
    title: text.slice(0, 60),
    author: null,
    summary: text,
    content: text,
    published: null,
  };
}

export interface SampledFragment {
  fragment: string;
  /** The statement it was drawn from. */
  source: string;
  variant: 'verbatim' | 'word changed' | 'misspelt' | 'word missing';
}

/**
 * How people misremember quotes: a verbatim stretch, a word changed, a word misspelt, a word left out (in turn).
 * Returns fragments of 3–8 words drawn from the given statements, with the statement each was drawn from.
 */
export function sampleFragmentsWithSources(statements: readonly string[], count: number, seed = 2): SampledFragment[] {
  const next = seededRandom(seed);
  const fragments: SampledFragment[] = [];
  while (fragments.length < count) {
    const source = pick(next, statements);
    const words = source.replace(/[.:,]/g, '').split(' ');
    const length = Math.min(words.length, 3 + Math.floor(next() * 6));
    const start = Math.floor(next() * (words.length - length + 1));
    const span = words.slice(start, start + length);
    const at = Math.floor(next() * span.length);
    const variant = (['verbatim', 'word changed', 'misspelt', 'word missing'] as const)[fragments.length % 4] ?? 'verbatim';
    if (variant === 'word changed') span[at] = pick(next, ['really', 'truly', 'never', 'Europe', 'peace', 'talks']);
    if (variant === 'misspelt') span[at] = (span[at] ?? '').replace(/([a-z])([a-z])/, '$2$1');
    if (variant === 'word missing' && span.length > 3) span.splice(at, 1);
    fragments.push({ fragment: span.join(' '), source, variant });
  }
  return fragments;
}
