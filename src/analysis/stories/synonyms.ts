import { stem } from '../../text/terms.js';

/**
 * Words headline writers use interchangeably for the same thing. Independent rewrites of one report pick different
 * ones ("truce" / "ceasefire", "strike" / "attack", "plan" / "framework"), so the clusterer compares concepts.
 */
const SYNONYM_GROUPS: string[][] = [
  ['ceasefire', 'truce', 'armistice', 'pause', 'halt'],
  ['deal', 'agreement', 'agreements', 'accord', 'agree', 'agreed', 'pact'],
  ['talks', 'negotiations', 'negotiate', 'negotiating', 'meeting', 'meet', 'met', 'summit'],
  ['strike', 'struck', 'attack', 'hit', 'barrage', 'bombardment', 'shelling', 'assault', 'raid'],
  ['drone', 'uav', 'shahed'],
  ['missile', 'rocket'],
  ['kill', 'killed', 'dead', 'death', 'die', 'died', 'toll', 'fatalities'],
  ['wound', 'wounded', 'injure', 'injured', 'injuries', 'hurt'],
  ['plan', 'framework', 'proposal', 'blueprint', 'roadmap'],
  ['swap', 'exchange'],
  ['prisoner', 'pow', 'captive', 'captivity'],
  ['guarantee', 'assurance', 'safeguard'],
  ['envoy', 'negotiator', 'emissary'],
  ['apartment', 'residential'],
  ['electricity', 'blackout', 'outage', 'power'],
  ['child', 'children', 'toddler', 'infant', 'baby'],
  ['unveil', 'reveal', 'present', 'publish', 'outline', 'lay', 'detail'],
  ['territory', 'territorial', 'land'],
  ['withdraw', 'withdrawal', 'pullout', 'retreat', 'cede'],
  ['residence', 'home', 'dacha'],
];

const CONCEPT_BY_STEM = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const concept = `~${group[0]}`;
  for (const word of group) CONCEPT_BY_STEM.set(stem(word), concept);
}

/** The shared concept for a stemmed term, or the term itself. */
export function concept(term: string): string {
  return CONCEPT_BY_STEM.get(term) ?? term;
}
