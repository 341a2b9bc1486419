/**
 * Place names of the region and of the diplomacy around the war, with the transliteration variants news copy uses.
 * Countries that every story names (Ukraine, Russia, the United States) are left out: they tell stories apart no
 * better than the word "war" does.
 */
const GAZETTEER: Record<string, string[]> = {
  Kyiv: ['Kiev'],
  Kharkiv: ['Kharkov'],
  Odesa: ['Odessa'],
  Lviv: ['Lvov', 'Lwów'],
  Dnipro: ['Dnipropetrovsk', 'Dnepr'],
  Zaporizhzhia: ['Zaporizhzhya', 'Zaporozhye', 'Zaporizhia', 'Zaporizhzhe'],
  Donetsk: [],
  Luhansk: ['Lugansk'],
  Donbas: ['Donbass'],
  Crimea: [],
  Sevastopol: [],
  Kherson: [],
  Mykolaiv: ['Nikolaev', 'Mykolayiv'],
  Sumy: [],
  Chernihiv: ['Chernigov'],
  Poltava: [],
  'Kryvyi Rih': ['Krivoy Rog', 'Kryvyi Rig'],
  Kramatorsk: [],
  Sloviansk: ['Slovyansk', 'Slavyansk'],
  Kostiantynivka: ['Kostyantynivka', 'Konstantinovka'],
  Pokrovsk: [],
  Bakhmut: ['Artemovsk'],
  Avdiivka: ['Avdeevka', 'Avdiyivka'],
  Kupiansk: ['Kupyansk'],
  Huliaipole: ['Gulyaipole', 'Hulyaipole'],
  Mariupol: [],
  Melitopol: [],
  Enerhodar: ['Energodar'],
  Izmail: [],
  Vinnytsia: ['Vinnytsya', 'Vinnitsa'],
  Zhytomyr: [],
  Ternopil: [],
  Rivne: [],
  Chernivtsi: [],
  Uzhhorod: [],
  'Ivano-Frankivsk': [],
  Kursk: [],
  Belgorod: [],
  Bryansk: [],
  Rostov: [],
  Novorossiysk: [],
  'St. Petersburg': ['St Petersburg', 'Saint Petersburg'],
  Moscow: [],
  Minsk: [],
  'Black Sea': [],
  'Sea of Azov': ['Azov Sea'],
  Washington: [],
  'White House': [],
  Kremlin: [],
  Alaska: [],
  Anchorage: [],
  Istanbul: [],
  Ankara: [],
  Riyadh: [],
  Jeddah: ['Jiddah'],
  'Saudi Arabia': [],
  Geneva: [],
  Budapest: [],
  'Abu Dhabi': [],
  Doha: [],
  Miami: [],
  'Mar-a-Lago': ['Palm Beach'],
  'New York': [],
  London: [],
  Paris: [],
  Berlin: [],
  Brussels: [],
  Rome: [],
  Vatican: [],
  Warsaw: [],
  Helsinki: [],
  Munich: [],
  Davos: [],
  Belarus: [],
  Turkey: ['Türkiye', 'Turkiye'],
  Hungary: [],
  Switzerland: [],
  Qatar: [],
  'United Arab Emirates': ['UAE'],
  Florida: [],
};

/** The larger place a named place lies in, so "Anchorage" and "Alaska", or "Jeddah" and "Saudi Arabia", agree. */
const PARENT: Record<string, string> = {
  Sevastopol: 'Crimea',
  Donetsk: 'Donbas',
  Luhansk: 'Donbas',
  Kramatorsk: 'Donetsk',
  Sloviansk: 'Donetsk',
  Kostiantynivka: 'Donetsk',
  Pokrovsk: 'Donetsk',
  Bakhmut: 'Donetsk',
  Avdiivka: 'Donetsk',
  Mariupol: 'Donetsk',
  Melitopol: 'Zaporizhzhia',
  Enerhodar: 'Zaporizhzhia',
  Huliaipole: 'Zaporizhzhia',
  Izmail: 'Odesa',
  Kupiansk: 'Kharkiv',
  Anchorage: 'Alaska',
  Riyadh: 'Saudi Arabia',
  Jeddah: 'Saudi Arabia',
  Istanbul: 'Turkey',
  Ankara: 'Turkey',
  Geneva: 'Switzerland',
  Budapest: 'Hungary',
  Doha: 'Qatar',
  'Abu Dhabi': 'United Arab Emirates',
  Minsk: 'Belarus',
  Miami: 'Florida',
  'Mar-a-Lago': 'Florida',
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const CANONICAL_BY_NAME = new Map<string, string>();
for (const [canonical, variants] of Object.entries(GAZETTEER)) {
  for (const name of [canonical, ...variants]) CANONICAL_BY_NAME.set(name, canonical);
}

/** Longest names first so "Saudi Arabia" wins over a shorter overlapping name. */
const PLACE_PATTERN = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])(${[...CANONICAL_BY_NAME.keys()]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\p{L}\p{N}]|-\p{L})`,
  'gu',
);

/**
 * Capitals and seats of government stand for governments in news copy ("Kyiv rejected…", "the Kremlin said"), so
 * naming them says little about where an event happened.
 */
const SEATS_OF_GOVERNMENT = new Set(['Kyiv', 'Moscow', 'Washington', 'Kremlin', 'White House', 'Brussels']);

/**
 * Canonical names of the gazetteer places named in `text` (case-sensitive: place names are capitalised), each with
 * the larger places it lies in, deduplicated. A seat of government counts only where the text uses it as a location
 * ("an attack on Kyiv", "talks in the Kremlin"), not where it stands for a government ("Kyiv rejected the plan"),
 * unless the caller knows the text reports a strike (`seatsAreLocations`: "Kyiv's left bank without heating"), where
 * only a seat that speaks ("the Kremlin claims") is a government.
 */
export function extractPlaces(text: string, options: { seatsAreLocations?: boolean } = {}): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(PLACE_PATTERN)) {
    const first = CANONICAL_BY_NAME.get(match[1] ?? '');
    const index = match.index ?? 0;
    const end = index + match[0].length;
    if (first && SEATS_OF_GOVERNMENT.has(first) && !(options.seatsAreLocations ? !speaks(text, end) : isLocative(text, index, end))) continue;
    for (let place = first; place; place = PARENT[place]) found.add(place);
  }
  return [...found];
}

const LOCATIVE_BEFORE = /\b(?:in|on|at|over|near|into|across|around|outside|inside|toward|towards|visits?|visited|hit|hits|struck|strikes?|targeted|attacked|bombarded|shelled)\s+(?:the\s+)?$/i;
const LOCATIVE_AFTER = /^(?:'s)?\s+(?:region|oblast|mayor|city|district|residents|airports?|metro|suburbs?|skies)\b/i;

const SPEAKS_AFTER = /^\s+(?:says?|said|denies|denied|claims?|claimed|rejects?|rejected|accuses?|accused|warns?|warned|insists?|urges?|calls?|responds?|responded|condemns?|condemned)\b/i;

function speaks(text: string, end: number): boolean {
  return SPEAKS_AFTER.test(text.slice(end, end + 20));
}

function isLocative(text: string, start: number, end: number): boolean {
  return LOCATIVE_BEFORE.test(text.slice(Math.max(0, start - 30), start)) || LOCATIVE_AFTER.test(text.slice(end, end + 30));
}
