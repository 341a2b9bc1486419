/** Word lists for the synthetic peace-talk coverage in news.ts: people, places, issues and phrasing as wires write them. */

export interface Speaker {
  name: string;
  /** How copy refers to the speaker after the first mention. */
  short: string;
  /** Descriptive title used before the name on first mention ("Ukrainian President"). */
  title: string;
  /** Role after the name ("Ukraine's chief negotiator"). */
  role: string;
  side: 'ukraine' | 'russia' | 'us' | 'europe' | 'turkey';
}

export const SPEAKERS: readonly Speaker[] = [
  { name: 'Volodymyr Zelensky', short: 'Zelensky', title: 'Ukrainian President', role: 'Ukraine’s president', side: 'ukraine' },
  { name: 'Donald Trump', short: 'Trump', title: 'U.S. President', role: 'the U.S. president', side: 'us' },
  { name: 'Vladimir Putin', short: 'Putin', title: 'Russian President', role: 'Russia’s president', side: 'russia' },
  { name: 'Steve Witkoff', short: 'Witkoff', title: 'U.S. special envoy', role: 'Trump’s special envoy', side: 'us' },
  { name: 'Marco Rubio', short: 'Rubio', title: 'Secretary of State', role: 'the U.S. secretary of state', side: 'us' },
  { name: 'Sergei Lavrov', short: 'Lavrov', title: 'Russian Foreign Minister', role: 'Russia’s foreign minister', side: 'russia' },
  { name: 'Dmitry Peskov', short: 'Peskov', title: 'Kremlin spokesman', role: 'the Kremlin’s spokesman', side: 'russia' },
  { name: 'Yuri Ushakov', short: 'Ushakov', title: 'Kremlin aide', role: 'Putin’s foreign policy adviser', side: 'russia' },
  { name: 'Kirill Dmitriev', short: 'Dmitriev', title: 'Russian envoy', role: 'head of Russia’s sovereign wealth fund', side: 'russia' },
  { name: 'Rustem Umerov', short: 'Umerov', title: 'Ukraine’s chief negotiator', role: 'secretary of Ukraine’s security council', side: 'ukraine' },
  { name: 'Andrii Sybiha', short: 'Sybiha', title: 'Ukrainian Foreign Minister', role: 'Ukraine’s foreign minister', side: 'ukraine' },
  { name: 'Andriy Yermak', short: 'Yermak', title: 'presidential chief of staff', role: 'head of Zelensky’s office', side: 'ukraine' },
  { name: 'Emmanuel Macron', short: 'Macron', title: 'French President', role: 'France’s president', side: 'europe' },
  { name: 'Keir Starmer', short: 'Starmer', title: 'British Prime Minister', role: 'Britain’s prime minister', side: 'europe' },
  { name: 'Friedrich Merz', short: 'Merz', title: 'German Chancellor', role: 'Germany’s chancellor', side: 'europe' },
  { name: 'Ursula von der Leyen', short: 'von der Leyen', title: 'European Commission President', role: 'the head of the European Commission', side: 'europe' },
  { name: 'Kaja Kallas', short: 'Kallas', title: 'EU foreign policy chief', role: 'the EU’s top diplomat', side: 'europe' },
  { name: 'Mark Rutte', short: 'Rutte', title: 'NATO Secretary General', role: 'NATO’s secretary general', side: 'europe' },
  { name: 'Recep Tayyip Erdoğan', short: 'Erdoğan', title: 'Turkish President', role: 'Turkey’s president', side: 'turkey' },
  { name: 'Hakan Fidan', short: 'Fidan', title: 'Turkish Foreign Minister', role: 'Turkey’s foreign minister', side: 'turkey' },
];

/** Unnamed sources, as agencies attribute them. */
export const ANONYMOUS_SOURCES = [
  'a senior Ukrainian official', 'one European diplomat', 'a U.S. official familiar with the talks', 'a Western diplomat',
  'a person briefed on the negotiations', 'two officials with knowledge of the draft', 'a Russian source close to the delegation',
];

export const VENUES = ['Geneva', 'Istanbul', 'Riyadh', 'Abu Dhabi', 'Anchorage', 'Miami', 'Washington', 'Berlin', 'Paris', 'London', 'Brussels', 'Moscow', 'Kyiv', 'Jeddah'];
export const DATELINES = ['KYIV', 'MOSCOW', 'WASHINGTON', 'BRUSSELS', 'GENEVA', 'ISTANBUL', 'LONDON', 'PARIS', 'BERLIN', 'RIYADH'];
export const CITIES_UNDER_FIRE = ['Kyiv', 'Kharkiv', 'Odesa', 'Dnipro', 'Zaporizhzhia', 'Lviv', 'Sumy', 'Kherson', 'Pokrovsk', 'Kramatorsk'];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const OUTLETS = ['Reuters', 'AP', 'AFP', 'BBC News', 'The Guardian', 'Kyiv Independent', 'Ukrinform', 'Meduza', 'DW', 'France 24',
  'Politico Europe', 'Al Jazeera', 'NPR', 'Euronews', 'The Moscow Times', 'CBS News'];
export const AUDIENCES = ['reporters', 'journalists in Kyiv', 'CNN', 'Fox News', 'the BBC', 'state television', 'a news conference', 'lawmakers'];
export const PLATFORMS = ['Telegram', 'X', 'Truth Social', 'Facebook'];

/** What the talks are about: a noun phrase and a short headline form. */
export const ISSUES: readonly { phrase: string; headline: string }[] = [
  { phrase: 'the 28-point peace plan', headline: 'peace plan' },
  { phrase: 'security guarantees for Ukraine', headline: 'security guarantees' },
  { phrase: 'a ceasefire along the current front line', headline: 'ceasefire' },
  { phrase: 'the future of the Donbas region', headline: 'Donbas' },
  { phrase: 'control of the Zaporizhzhia nuclear power plant', headline: 'Zaporizhzhia plant' },
  { phrase: 'a full exchange of prisoners of war', headline: 'prisoner swap' },
  { phrase: 'the return of deported Ukrainian children', headline: 'deported children' },
  { phrase: 'frozen Russian central bank assets', headline: 'frozen assets' },
  { phrase: 'Ukraine’s bid to join NATO', headline: 'NATO bid' },
  { phrase: 'a European reassurance force', headline: 'reassurance force' },
  { phrase: 'sanctions relief for Moscow', headline: 'sanctions relief' },
  { phrase: 'safe shipping in the Black Sea', headline: 'Black Sea shipping' },
  { phrase: 'a halt to strikes on energy infrastructure', headline: 'energy truce' },
  { phrase: 'elections in Ukraine after a truce', headline: 'elections' },
  { phrase: 'a meeting between Putin and Zelensky', headline: 'leaders’ meeting' },
];

export const QUOTE_OPENERS = ['', '', '', 'We believe', 'I think', 'Let me be clear:', 'Frankly,', 'As I said yesterday,',
  'There is no doubt that', 'Everyone understands that', 'I can tell you that', 'The truth is that', 'We have always said that',
  'Nobody should doubt that', 'Our position is simple:', 'It is obvious that', 'I am convinced that', 'Unfortunately,'];
/** Who a quoted statement is about; `plural` picks the verb form. */
export const QUOTE_SUBJECTS: readonly { text: string; plural: boolean }[] = [
  ...['Russia', 'Ukraine', 'the United States', 'Europe', 'the Kremlin', 'Moscow', 'Kyiv', 'Washington', 'the coalition of the willing',
    'our delegation', 'the other side', 'nobody', 'the Russian army', 'this administration'].map((text) => ({ text, plural: false })),
  ...['our partners', 'the Ukrainian people', 'we', 'they', 'the Europeans', 'our allies'].map((text) => ({ text, plural: true })),
];
/** Verb phrases as [singular, plural]. */
export const QUOTE_VERBS: readonly (readonly [string, string])[] = [
  ['is ready to', 'are ready to'], ['will never', 'will never'], ['must', 'must'], ['cannot', 'cannot'], ['is prepared to', 'are prepared to'],
  ['has agreed to', 'have agreed to'], ['wants to', 'want to'], ['will continue to', 'will continue to'], ['refuses to', 'refuse to'],
  ['should', 'should'], ['is trying to', 'are trying to'], ['is not going to', 'are not going to'], ['will be forced to', 'will be forced to'],
  ['needs to', 'need to'], ['has every reason to', 'have every reason to'],
];
export const QUOTE_ACTIONS = ['accept a ceasefire', 'give up territory', 'discuss security guarantees', 'sign a peace deal', 'withdraw its troops',
  'recognise the occupation of Crimea', 'return the deported children', 'stop the strikes on our cities', 'negotiate without preconditions',
  'meet face to face', 'freeze the front line', 'lift the sanctions', 'defend every village', 'end this war', 'exchange all prisoners',
  'hold elections', 'trade land for peace', 'guarantee safe passage in the Black Sea', 'pay for reconstruction', 'deploy troops on the ground',
  'talk about the Donbas', 'respect international law', 'keep sending air defence', 'sit at the table', 'bring a real plan',
  'drop its maximalist demands', 'stop the energy strikes', 'unfreeze the assets', 'stay neutral', 'show real flexibility', 'take the first step'];
export const QUOTE_QUALIFIERS = ['', '', '', 'this year', 'before the winter', 'at any price', 'in the coming weeks', 'under any circumstances',
  'without Europe at the table', 'as long as the shelling continues', 'within 30 days', 'by Christmas', 'right now', 'step by step',
  'on our terms', 'after the summit', 'in good faith', 'behind closed doors', 'for the sake of our children'];
export const QUOTE_CODAS = ['That is big.', 'There is nothing to talk about here.', 'We will see.', 'It is a historic moment.',
  'Time is running out.', 'Nobody wants a frozen conflict.', 'The ball is in their court.', 'This is not a game.', 'We are not naive.',
  'The details matter.', 'Words are not enough.', 'The next days will be decisive.', 'We have been here before.'];
/** Partial quotes: the words an article lifts into its own sentence. */
export const PARTIAL_QUOTES = ['constructive', 'a step in the right direction', 'unacceptable', 'very productive', 'a trap',
  'nothing more than theatre', 'substantive but difficult', 'the best chance in years', 'dead on arrival', 'a good basis'];
export const NARRATION_VERBS = ['said', 'told', 'added', 'warned', 'insisted', 'argued', 'noted', 'stressed', 'wrote', 'acknowledged'];
