/**
 * The words that carry attribution in news copy. Cue verbs come in tiers: speech verbs ("say" alone is about half of
 * all cues; the top 40 cover ~85%), describing verbs that govern quoted fragments ("called it “historic”"), and weak
 * cognition verbs used only when nothing better is there.
 */

export type CueTier = 'speech' | 'describe' | 'cognition';

export interface CueVerb {
  lemma: string;
  tier: CueTier;
  /** A word that must follow ("point out", "put it", "go on"). */
  particle?: string;
}

const SPEECH = [
  'say', 'tell', 'add', 'write', 'post', 'tweet', 'ask', 'note', 'argue', 'insist', 'warn', 'claim', 'state',
  'declare', 'announce', 'stress', 'emphasize', 'emphasise', 'explain', 'recall', 'report', 'reply', 'respond',
  'answer', 'continue', 'reiterate', 'repeat', 'confirm', 'deny', 'acknowledge', 'admit', 'concede', 'reveal',
  'suggest', 'predict', 'promise', 'pledge', 'vow', 'urge', 'demand', 'threaten', 'caution', 'complain', 'joke',
  'quip', 'boast', 'assert', 'maintain', 'contend', 'allege', 'counter', 'retort', 'remark', 'comment', 'observe',
  'mention', 'proclaim', 'conclude', 'disclose', 'assure', 'underline', 'underscore', 'highlight', 'accuse', 'charge',
  'criticize', 'criticise', 'slam', 'blast', 'praise', 'welcome', 'condemn', 'denounce', 'dismiss', 'question',
  'wonder', 'shout', 'exclaim', 'whisper', 'testify', 'summarize', 'summarise', 'publish', 'read',
  'signal', 'tout', 'lament', 'plead', 'implore', 'appeal', 'protest', 'object', 'clarify', 'specify', 'elaborate',
  'recount', 'mock', 'ridicule', 'scoff', 'taunt', 'lambast', 'chide', 'rebuke', 'scold', 'decry', 'deride', 'muse',
  'brief', 'inform', 'stress', 'vent', 'grumble', 'thank', 'reject',
];

const DESCRIBE = ['describe', 'call', 'hail', 'label', 'brand', 'term', 'characterize', 'characterise', 'deem', 'dub'];

const COGNITION = ['think', 'believe', 'feel', 'hope', 'fear', 'expect', 'consider', 'reckon', 'suspect'];

const PHRASAL: Record<string, string> = { point: 'out', put: 'it', go: 'on', lash: 'out', weigh: 'in', sum: 'up' };

const IRREGULAR: Record<string, string[]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  write: ['writes', 'wrote', 'written', 'writing'],
  read: ['reads', 'read', 'reading'],
  put: ['puts', 'put', 'putting'],
  go: ['goes', 'went', 'gone', 'going'],
  think: ['thinks', 'thought', 'thinking'],
  feel: ['feels', 'felt', 'feeling'],
};

/** Verbs whose final consonant doubles: "quipped", "admitted", "labelled". */
const DOUBLING = new Set(['quip', 'admit', 'slam', 'label', 'signal', 'plead', 'sum', 'object']);

function inflect(lemma: string): string[] {
  const irregular = IRREGULAR[lemma];
  if (irregular) return [lemma, ...irregular];
  const forms = [lemma];
  const consonantY = /[^aeiou]y$/.test(lemma);
  forms.push(/(?:s|sh|ch|x|z)$/.test(lemma) ? `${lemma}es` : consonantY ? `${lemma.slice(0, -1)}ies` : `${lemma}s`);
  if (lemma.endsWith('e')) forms.push(`${lemma}d`, `${lemma.slice(0, -1)}ing`);
  else if (consonantY) forms.push(`${lemma.slice(0, -1)}ied`, `${lemma}ing`);
  else forms.push(`${lemma}ed`, `${lemma}ing`);
  if (DOUBLING.has(lemma)) {
    const last = lemma.at(-1) ?? '';
    forms.push(`${lemma}${last}ed`, `${lemma}${last}ing`);
  }
  return forms;
}

function buildCueTable(): Map<string, CueVerb> {
  const table = new Map<string, CueVerb>();
  const add = (lemmas: string[], tier: CueTier): void => {
    for (const lemma of lemmas) {
      const particle = PHRASAL[lemma];
      for (const form of inflect(lemma)) if (!table.has(form)) table.set(form, particle ? { lemma, tier, particle } : { lemma, tier });
    }
  };
  add(COGNITION, 'cognition');
  add(DESCRIBE, 'describe');
  add(SPEECH, 'speech');
  add(Object.keys(PHRASAL), 'speech');
  return table;
}

/** Folded word form → cue verb. */
export const CUE_VERBS: ReadonlyMap<string, CueVerb> = buildCueTable();

/**
 * Verbs (lemmas) whose object can be someone's quoted words even after a determiner: "praised the “tireless work”",
 * "spoke of a “framework for peace”", "rejected the “ultimatum”". Verbs that take a clause ("said the “coalition of
 * the willing” is ready") are not here: after them, quoted words with a determiner are a name or a scare quote.
 * Describing verbs have rules of their own ("allies, described as a “coalition of the willing”" names a group), and
 * verbs of proposing are left out: what is proposed has a name ("proposed a “reparations loan”").
 */
export const GOVERNING_VERBS: ReadonlySet<string> = new Set([
  'praise', 'welcome', 'condemn', 'denounce', 'dismiss', 'criticize', 'criticise', 'slam', 'blast', 'hail', 'mock',
  'ridicule', 'decry', 'deride', 'lambast', 'reject', 'thank', 'demand', 'promise', 'pledge', 'vow', 'threaten',
  'accuse', 'lament', 'tout', 'highlight', 'underline', 'underscore', 'stress', 'emphasize', 'emphasise', 'warn',
  'speak', 'spoke', 'spoken', 'talk', 'express', 'voice', 'urge', 'seek', 'cite', 'invoke', 'recall', 'mention',
]);

/** Verbs that name things rather than report speech: the quoted words after them are titles or labels. */
export const NAMING_WORDS: ReadonlySet<string> = new Set([
  'dubbed', 'codenamed', 'code-named', 'named', 'titled', 'entitled', 'nicknamed', 'known', 'so-called', 'billed',
]);

/** Verbs that may come before their subject after a quote: “…,” said Witkoff. */
export const INVERTIBLE: ReadonlySet<string> = new Set([
  'say', 'add', 'ask', 'write', 'continue', 'reply', 'explain', 'note', 'insist', 'warn', 'recall', 'argue', 'declare',
  'respond', 'answer', 'counter', 'retort', 'remark', 'observe', 'conclude', 'quip', 'joke', 'post', 'tweet', 'read',
  'announce', 'state', 'exclaim', 'shout', 'whisper', 'admit', 'concede', 'claim', 'comment', 'boast', 'lament', 'go',
]);

/** Words that make the verb after them passive or adjectival: "described as", "was called". */
export const PASSIVE_MARKERS: ReadonlySet<string> = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'so', 'get', 'got']);

/** Auxiliaries and adverbs that may stand between a subject and its verb ("Rutte had joked", "Lavrov also noted"). */
export const VERB_MODIFIERS: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'is', 'was', 'will', 'would', 'could', 'should', 'may', 'might', 'can', 'did', 'does', 'do',
  'also', 'later', 'earlier', 'then', 'once', 'again', 'repeatedly', 'previously', 'reportedly', 'separately',
  'further', 'still', 'already', 'recently', 'subsequently', 'never', 'not', 'often', 'even', 'privately', 'publicly',
  'openly', 'bluntly', 'flatly', 'simply', 'just', 'only', 'firmly', 'quickly', 'immediately', 'long', 'always',
  'herself', 'himself', 'personally', 'angrily', 'candidly', 'frankly', 'tersely', 'curtly', 'cautiously', 'jokingly',
  'sharply', 'explicitly', 'directly', 'last', 'yesterday', 'today', 'tonight', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'there', 'now', 'first', 'late', 'early',
]);

/** Capitalised words that are dates, never speakers. */
export const CALENDAR_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'january', 'february', 'march', 'april',
  'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december', 'jan', 'feb', 'aug', 'sept', 'oct',
  'nov', 'dec', 'today', 'yesterday', 'tomorrow',
]);

/** Words that open a new clause: the subject of a verb is found after the nearest one. */
export const CLAUSE_OPENERS: ReadonlySet<string> = new Set([
  'that', 'which', 'who', 'whom', 'what', 'while', 'whereas', 'because', 'although', 'though', 'if', 'when', 'as',
  'but', 'and', 'or', 'since', 'where', 'so', 'yet', 'whether', 'after', 'before', 'until', 'unless', 'once',
]);

/** First words of leading adverbial phrases ("Speaking after the call, …", "In a post on X, …"). */
export const ADVERBIAL_OPENERS: ReadonlySet<string> = new Set([
  'in', 'on', 'at', 'after', 'before', 'during', 'asked', 'speaking', 'commenting', 'responding', 'writing', 'meanwhile',
  'however', 'still', 'separately', 'later', 'earlier', 'also', 'yet', 'but', 'and', 'so', 'then', 'now', 'for',
  'with', 'without', 'despite', 'since', 'amid', 'following', 'ahead', 'hours', 'days', 'moments', 'minutes', 'weeks',
  'last', 'this', 'by', 'under', 'as', 'according', 'when', 'while', 'if', 'instead', 'indeed', 'moreover',
  'nonetheless', 'nevertheless', 'afterwards', 'afterward', 'today', 'yesterday', 'overnight', 'again', 'addressing',
  'arriving', 'visiting', 'appearing', 'pressed', 'questioned', 'interviewed', 'briefing', 'although', 'though',
  'because', 'once', 'just', 'even', 'from', 'to', 'over', 'through', 'about', 'unlike', 'like', 'there', 'here',
  'thereafter', 'elsewhere', 'privately', 'publicly', 'similarly', 'likewise', 'notably', 'crucially', 'speaking',
]);

export const DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'one',
  'another', 'two', 'three', 'several', 'some', 'many', 'other', 'each', 'every', 'any', 'no',
]);

export const PREPOSITIONS: ReadonlySet<string> = new Set([
  'in', 'at', 'from', 'of', 'with', 'on', 'to', 'for', 'by', 'about', 'close', 'familiar', 'briefed', 'involved',
  'near', 'inside', 'within', 'among', 'across', 'under', 'over', 'after', 'during', 'who', 'speaking', 'knowledgeable',
  'along', 'against', 'toward', 'towards', 'into', 'onto', 'through', 'throughout', 'between', 'beyond', 'behind',
  'around', 'outside', 'until', 'without', 'despite', 'amid', 'following', 'ahead', 'before', 'since', 'than', 'like',
]);

/** Nouns that name a person without naming them ("one European diplomat", "a senior official"). */
export const PERSON_NOUNS: ReadonlySet<string> = new Set([
  'official', 'officials', 'diplomat', 'diplomats', 'source', 'sources', 'spokesman', 'spokeswoman', 'spokesperson',
  'spokespeople', 'aide', 'aides', 'adviser', 'advisers', 'advisor', 'advisors', 'analyst', 'analysts', 'expert',
  'experts', 'person', 'people', 'officer', 'officers', 'minister', 'ministers', 'lawmaker', 'lawmakers', 'senator',
  'senators', 'envoy', 'envoys', 'negotiator', 'negotiators', 'resident', 'residents', 'soldier', 'soldiers',
  'commander', 'commanders', 'member', 'members', 'insider', 'insiders', 'observer', 'observers', 'critic', 'critics',
  'supporter', 'supporters', 'leader', 'leaders', 'president', 'chancellor', 'premier', 'secretary', 'ambassador',
  'general', 'colonel', 'witness', 'witnesses', 'woman', 'man', 'journalist', 'researcher', 'scholar', 'professor',
  'fellow', 'economist', 'colleague', 'counterpart', 'representative', 'representatives', 'mediator', 'mp', 'mep',
  'legislator', 'voter', 'activist', 'veteran', 'volunteer', 'mother', 'father', 'politician', 'chief', 'head',
  'commander-in-chief', 'deputy', 'director', 'strategist', 'figure', 'insider', 'participant', 'attendee', 'delegate',
  'delegates', 'staffer', 'staffers', 'operative', 'pollster', 'historian', 'governor', 'mayor', 'speaker', 'pilot',
  'doctor', 'teacher', 'student', 'worker', 'farmer', 'driver', 'survivor', 'prosecutor', 'judge',
  'lawyer', 'attorney', 'manager', 'executive', 'banker', 'trader', 'investor', 'priest', 'leader', 'prince', 'king',
  'queen', 'pope', 'pontiff', 'monarch', 'ruler', 'dictator', 'autocrat', 'hawk', 'dove', 'hardliner', 'republican',
  'republicans', 'democrat', 'democrats', 'conservative', 'liberal', 'nationalist', 'blogger', 'commentator',
  'correspondent', 'reporter', 'editor', 'columnist', 'author', 'writer', 'ally', 'allies', 'partner', 'partners',
]);

/** Nouns that make a speaker an organisation ("the Kremlin", "Germany's chancellery", "the ministry"). */
export const ORGANIZATION_NOUNS: ReadonlySet<string> = new Set([
  'kremlin', 'house', 'street', 'pentagon', 'department', 'ministry', 'office', 'chancellery', 'government',
  'council', 'commission', 'committee', 'agency', 'service', 'command', 'staff', 'embassy', 'mission', 'parliament',
  'duma', 'rada', 'cabinet', 'administration', 'presidency', 'palace', 'elysee', 'nato', 'eu', 'un', 'alliance',
  'bloc', 'union', 'army', 'military', 'navy', 'forces', 'headquarters', 'party', 'campaign', 'company', 'bank',
  'fund', 'group', 'organization', 'organisation', 'institute', 'court', 'secretariat', 'delegation',
  'authorities', 'side', 'team', 'leadership', 'regime', 'moscow', 'kyiv', 'kiev', 'washington', 'beijing', 'brussels',
  'berlin', 'paris', 'london', 'warsaw', 'ankara', 'budapest', 'russia', 'ukraine', 'china', 'germany', 'france',
  'britain', 'poland', 'hungary', 'turkey', 'europe', 'america', 'reuters', 'tass', 'interfax', 'ria', 'ukrinform',
  'media', 'outlet', 'newspaper', 'broadcaster', 'channel', 'times', 'journal', 'post', 'guardian', 'bureau',
  'paper', 'daily', 'weekly', 'website', 'site', 'magazine', 'tabloid', 'portal', 'publication', 'network', 'station',
  'operator', 'utility', 'firm', 'ministries',
  'directorate', 'inspectorate', 'tribunal', 'police', 'assembly', 'senate', 'congress', 'board', 'authority',
  'coalition', 'movement', 'federation', 'association', 'chamber', 'caucus', 'brigade', 'battalion', 'regiment',
  'division', 'fleet', 'nabu', 'sbu', 'hur', 'fsb', 'gru', 'osce', 'iaea', 'g7',
]);

/** Nouns for a text that speaks for its author ("the statement read"). */
export const DOCUMENT_NOUNS: ReadonlySet<string> = new Set([
  'statement', 'post', 'message', 'communique', 'readout', 'letter', 'note', 'release', 'document', 'text', 'tweet',
  'declaration', 'resolution', 'report', 'memo', 'draft', 'proposal', 'plan', 'notice', 'announcement', 'decree',
  'words', 'remarks', 'comments', 'response', 'reply', 'answer', 'caption', 'speech', 'address', 'transcript',
]);

/** What a list of quotations is taken from: "the key points from his speech", "her main quotes". */
export const SPEECH_NOUNS: ReadonlySet<string> = new Set([
  'speech', 'speeches', 'address', 'remarks', 'comments', 'words', 'statement', 'interview', 'briefing', 'post', 'posts',
  'message', 'testimony', 'letter', 'quotes', 'quotations', 'points', 'statements', 'answers', 'responses',
]);

export const THIRD_PERSON_POSSESSIVES: ReadonlySet<string> = new Set(['his', 'her']);

export const THIRD_PERSON_PRONOUNS: ReadonlySet<string> = new Set(['he', 'she', 'him', 'her', 'his']);

/** Platforms after "on" that are where something was said, not who said it. */
export const PLATFORM_WORDS: ReadonlySet<string> = new Set([
  'x', 'twitter', 'telegram', 'facebook', 'instagram', 'truth', 'social', 'youtube', 'tiktok', 'threads', 'bluesky',
  'linkedin', 'vk', 'vkontakte', 'media', 'television', 'tv', 'radio', 'air',
]);
