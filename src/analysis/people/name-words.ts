import { foldText } from '../../text/words.js';

/**
 * Word lists that tell a person's name apart from the titles, ranks and demonyms written around it in news copy
 * ("U.S. President Donald Trump", "Kremlin spokesman Dmitry Peskov", "Mr. Witkoff").
 * Entries are folded (lower case, no diacritics, no trailing period).
 */

/** Words that may stand before a name without being part of it. */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  // honorifics and ranks
  'mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'sen', 'senator', 'rep',
  'representative', 'gov', 'governor', 'mayor', 'gen', 'general', 'lt', 'lieutenant', 'col', 'colonel', 'maj', 'major',
  'capt', 'captain', 'sgt', 'sergeant', 'adm', 'admiral', 'marshal', 'field', 'commander', 'commander-in-chief',
  'king', 'queen', 'prince', 'princess', 'crown', 'sheikh', 'pope', 'cardinal', 'patriarch', 'metropolitan', 'rev',
  'president', 'vice', 'prime', 'premier', 'minister', 'chancellor', 'secretary', 'secretary-general', 'undersecretary',
  'under', 'assistant', 'deputy', 'first', 'chairman', 'chairwoman', 'chair', 'head', 'chief', 'director', 'speaker',
  'spokesman', 'spokeswoman', 'spokesperson', 'envoy', 'special', 'ambassador', 'aide', 'adviser', 'advisor',
  'press', 'presidential', 'former', 'ex', 'acting', 'interim', 'senior', 'top', 'leader', 'opposition', 'majority',
  'minority', 'whip', 'member', 'mp', 'mep', 'lawmaker', 'negotiator', 'officer', 'official', 'ceo', 'executive',
  'supreme', 'allied', 'high', 'representative', 'comptroller', 'attorney', 'judge', 'justice',
  // portfolios and institutions that precede a name
  'foreign', 'affairs', 'defence', 'defense', 'state', 'army', 'navy', 'air', 'force', 'forces', 'armed', 'treasury',
  'interior', 'finance', 'economy', 'economic', 'security', 'national', 'council', 'commission', 'office', 'ministry',
  'kremlin', 'white', 'house', 'nato', 'eu', 'un', 'u.s', 'us', 'u.k', 'uk', 'u.n', 'e.u', 'intelligence', 'military',
  'staff', 'war', 'parliament', 'parliamentary', 'duma', 'rada', 'verkhovna', 'committee',
  'democrat', 'democratic', 'republican', 'party', 'labour', 'conservative', 'green', 'greens', 'central', 'bank',
  'sovereign', 'wealth', 'fund', 'direct', 'investment', 'presidency', 'administration', 'government', 'cabinet',
  'communications', 'digital', 'energy', 'trade', 'health', 'education', 'culture', 'agriculture', 'infrastructure',
  'reintegration', 'veterans', 'strategic', 'industries', 'mission', 'delegation', 'embassy',
  // demonyms and regions
  'ukrainian', 'russian', 'american', 'british', 'english', 'french', 'german', 'italian', 'polish', 'hungarian',
  'turkish', 'finnish', 'danish', 'norwegian', 'swedish', 'dutch', 'spanish', 'belarusian', 'chinese', 'estonian',
  'latvian', 'lithuanian', 'romanian', 'moldovan', 'slovak', 'slovakian', 'czech', 'austrian', 'swiss', 'belgian',
  'canadian', 'japanese', 'indian', 'saudi', 'qatari', 'emirati', 'israeli', 'iranian', 'georgian', 'greek',
  'bulgarian', 'croatian', 'serbian', 'portuguese', 'irish', 'australian', 'korean', 'brazilian', 'european',
  'western', 'soviet', 'north', 'south', 'east', 'west', 'eastern', 'nordic', 'baltic', 'scandinavian', 'arab',
  'african', 'asian', 'latin', 'central', 'balkan', 'transatlantic', 'allied', 'kremlin-backed', 'moscow-backed', 'turkiye', 'ukraine', 'russia', 'america',
  'britain', 'france', 'germany', 'italy', 'poland', 'hungary', 'turkey', 'finland', 'denmark', 'norway', 'sweden',
  'netherlands', 'spain', 'belarus', 'china', 'estonia', 'latvia', 'lithuania', 'romania', 'moldova', 'slovakia',
  'czechia', 'austria', 'belgium', 'canada', 'japan', 'india', 'israel', 'iran', 'kyiv', 'moscow',
  'washington', 'brussels', 'u.s.-backed', 'pro-kremlin', 'pro-russian', 'pro-western',
]);

/** Lower-case words that join the parts of a name ("Ursula von der Leyen", "Mohammed bin Salman"). */
export const NAME_PARTICLES: ReadonlySet<string> = new Set([
  'von', 'der', 'van', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'bin', 'ibn', 'al', 'el', 'ter', 'zu',
]);

/**
 * Capitalised words that end an organisation or a place, never a person's surname
 * ("Georgetown University", "Downing Street", "Kyiv Independent").
 */
export const ORGANIZATION_HEADS: ReadonlySet<string> = new Set([
  'kremlin', 'house', 'street', 'pentagon', 'department', 'ministry', 'office', 'chancellery', 'government',
  'council', 'commission', 'committee', 'agency', 'service', 'services', 'command', 'staff', 'embassy', 'mission',
  'parliament', 'duma', 'rada', 'cabinet', 'administration', 'presidency', 'palace', 'elysee', 'nato', 'eu', 'un',
  'university', 'institute', 'school', 'college', 'center', 'centre', 'foundation', 'fund', 'bank', 'group', 'party',
  'union', 'forces', 'force', 'army', 'navy', 'guard', 'corps', 'news', 'times', 'post', 'journal', 'press', 'radio',
  'tv', 'television', 'channel', 'independent', 'pravda', 'telegraph', 'guardian', 'reuters', 'tass', 'ria',
  'interfax', 'ukrinform', 'belta', 'bloomberg', 'axios', 'politico', 'cnn', 'bbc', 'nbc', 'abc', 'cbs', 'fox', 'msnbc',
  'afp', 'ap', 'dpa', 'yle', 'network', 'company', 'corporation', 'inc', 'ltd', 'region', 'oblast', 'republic',
  'states', 'kingdom', 'nations', 'summit', 'square', 'agreement', 'memorandum', 'treaty', 'plan', 'format', 'day',
  'county', 'city', 'district', 'province', 'sea', 'ocean', 'river', 'forum', 'conference', 'club', 'statement',
  'bureau', 'directorate', 'inspectorate', 'court', 'tribunal', 'police', 'assembly', 'senate', 'congress', 'board',
  'authority', 'authorities', 'coalition', 'front', 'movement', 'alliance', 'organization', 'organisation',
  'federation', 'association', 'society', 'chamber', 'caucus', 'secretariat', 'headquarters', 'brigade', 'battalion',
  'regiment', 'division', 'fleet', 'programme', 'program', 'today', 'tonight',
]);

const folded = new Map<string, string>();

/**
 * foldText for the short strings analysis compares again and again (words, names, titles), remembered:
 * NFKD normalisation per token is the most expensive step of reading an article otherwise.
 */
export function foldWord(text: string): string {
  let fold = folded.get(text);
  if (fold === undefined) {
    fold = /^[\x20-\x5f\x61-\x7e]*$/.test(text) ? text.toLowerCase() : foldText(text);
    if (folded.size > 20_000) folded.clear();
    folded.set(text, fold);
  }
  return fold;
}

/** Whether a token is written like part of a name: capitalised, an initial ("V."), or all capitals ("JD"). */
export function looksCapitalized(token: string): boolean {
  return /^\p{Lu}/u.test(token);
}

/** Strips the possessive ("Trump's", "Zelensky’s", "Rubio’") from a name token. */
export function withoutPossessive(token: string): string {
  return token.replace(/['\u2019]s?$/u, '');
}

/** A single-letter initial ("V", "V.", "J.D."), dropped when matching "Vladimir V. Putin" to "Vladimir Putin". */
export function isInitial(token: string): boolean {
  if (token.length > 4) return false;
  return /^(?:\p{Lu}\.?)+$/u.test(token) && token.replace(/\./g, '').length <= 2 && token.length <= 4;
}
