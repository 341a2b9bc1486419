import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/analysis/people/schema.js';
import { explanationLine } from '../../../src/analysis/topics/index.js';
import { matcherFor, simpleTopic } from './helpers.js';

const ids = (matches: { topicId: string }[]): string[] => matches.map((match) => match.topicId);

describe('phrases', () => {
  it('ignore case and accents by default, and match whole words only', () => {
    const matcher = matcherFor([simpleTopic('crimea', ['Crimea']), simpleTopic('cafe', ['café society'])]);
    expect(ids(matcher.match({ title: 'CRIMEA: what next' }))).toEqual(['crimea']);
    expect(ids(matcher.match({ title: 'Crimean Tatars protest' }))).toEqual([]);
    expect(ids(matcher.match({ title: 'The return of Cafe Society' }))).toEqual(['cafe']);
  });

  it('keep case when asked: "Trump" apart from "trump card", "Merz" apart from "merz" and "Merzouga"; a name in capitals is still the name', () => {
    const matcher = matcherFor([
      simpleTopic('trump', [{ phrase: 'Trump', caseSensitive: true }]),
      simpleTopic('merz', [{ phrase: 'Merz', caseSensitive: true }]),
    ]);
    expect(ids(matcher.match({ title: 'Trump meets Zelensky' }))).toEqual(['trump']);
    expect(ids(matcher.match({ title: 'Energy is the trump card in talks' }))).toEqual([]);
    expect(ids(matcher.match({ title: 'Merz’s coalition wobbles' }))).toEqual(['merz']);
    expect(ids(matcher.match({ title: 'merz and merzouga dunes draw tourists to Merzouga' }))).toEqual([]);
    const possessive = matcherFor([simpleTopic('merz', [{ phrase: 'Merz’s coalition', caseSensitive: true }])]);
    expect(ids(possessive.match({ title: "Merz's coalition wobbles" }))).toEqual(['merz']);
    expect(ids(possessive.match({ title: "MERZ'S COALITION wobbles" }))).toEqual(['merz']);
    expect(ids(possessive.match({ title: "merz's coalition wobbles" }))).toEqual([]);
    const accented = matcherFor([simpleTopic('sefcovic', [{ phrase: 'Šefčovič', caseSensitive: true }, { phrase: 'Zelensk*', caseSensitive: true }])]);
    expect(ids(accented.match({ title: 'Sefcovic’s trip to Kyiv' }))).toEqual(['sefcovic']);
    expect(ids(accented.match({ title: 'SEFCOVIC in Kyiv' }))).toEqual(['sefcovic']);
    expect(ids(accented.match({ title: 'SefCovic in Kyiv' }))).toEqual([]);
    expect(ids(accented.match({ title: 'Zelenskyy in Kyiv' }))).toEqual(['sefcovic']);
    expect(ids(accented.match({ title: 'ZELENSKYY in Kyiv' }))).toEqual(['sefcovic']);
    expect(ids(accented.match({ title: 'zelenskyy in Kyiv' }))).toEqual([]);
  });

  it('use Unicode word boundaries for Cyrillic and accented words', () => {
    const matcher = matcherFor([
      simpleTopic('zelensky', ['Зеленський']),
      simpleTopic('merz', ['Мерц']),
      simpleTopic('sefcovic', ['Maroš Šefčovič']),
    ]);
    expect(ids(matcher.match({ title: 'Зеленський заявив про переговори' }))).toEqual(['zelensky']);
    expect(ids(matcher.match({ title: 'Зеленськийзаявив' }))).toEqual([]);
    expect(ids(matcher.match({ title: 'Мерцалов і Мерцова' }))).toEqual([]);
    expect(ids(matcher.match({ title: '«Мерц»: нова ініціатива' }))).toEqual(['merz']);
    expect(ids(matcher.match({ title: 'Maros Sefcovic in Kyiv' }))).toEqual(['sefcovic']);
    expect(ids(matcher.match({ title: 'MAROŠ ŠEFČOVIČ in Kyiv' }))).toEqual(['sefcovic']);
    expect(ids(matcher.match({ title: 'Maroš Šefčovičová' }))).toEqual([]);
  });

  it('treat curly and straight apostrophes alike and see through the possessive', () => {
    const matcher = matcherFor([simpleTopic('security', ["Ukraine's security"]), simpleTopic('ukraine', ['Ukraine'])]);
    expect(ids(matcher.match({ title: 'Ukraine’s security after the war' })).sort()).toEqual(['security', 'ukraine']);
  });

  it('accept hyphen, space and closed-up variants', () => {
    const matcher = matcherFor([
      simpleTopic('article', ['Article 5-like']),
      simpleTopic('cooperation', ['cooperation']),
      simpleTopic('ceasefire', ['cease-fire']),
    ]);
    expect(ids(matcher.match({ title: 'An Article 5-like pledge' }))).toEqual(['article']);
    expect(ids(matcher.match({ title: 'An Article 5 like pledge' }))).toEqual(['article']);
    expect(ids(matcher.match({ title: 'Defence co-operation deepens' }))).toEqual(['cooperation']);
    expect(ids(matcher.match({ title: 'Defence cooperation deepens' }))).toEqual(['cooperation']);
    for (const title of ['Ceasefire holds', 'Cease-fire holds', 'Cease fire holds', 'Cease–fire holds']) {
      expect(ids(matcher.match({ title }))).toEqual(['ceasefire']);
    }
  });

  it('match any ending after a *', () => {
    const matcher = matcherFor([simpleTopic('guarantee', ['security guarantee*'])]);
    expect(ids(matcher.match({ title: 'Security guarantees agreed' }))).toEqual(['guarantee']);
    expect(ids(matcher.match({ title: 'Security guaranteed, says Kyiv' }))).toEqual(['guarantee']);
    expect(ids(matcher.match({ title: 'Security guarantor named' }))).toEqual([]);
    const accented = matcherFor([simpleTopic('reclaim', ['réclam*'])]);
    expect(ids(accented.match({ title: 'Kyiv RECLAMERA its land' }))).toEqual(['reclaim']);
    expect(ids(accented.match({ title: 'Réclamation filed' }))).toEqual(['reclaim']);
    const apostrophe = matcherFor([simpleTopic('obrien', ["O'Bri*"])]);
    expect(ids(apostrophe.match({ title: 'O’Brien speaks' }))).toEqual(['obrien']);
    expect(ids(apostrophe.match({ title: "O'BRIEN speaks" }))).toEqual(['obrien']);
  });

  it('compare the letters, not just a hash of them', () => {
    // "aana" and "ac0a" share a word-hash (the trie looks words up by hash), so only the letters tell them apart.
    const matcher = matcherFor([simpleTopic('aana', ['aana'])]);
    expect(ids(matcher.match({ title: 'The ac0a report' }))).toEqual([]);
    expect(ids(matcher.match({ title: 'The AANA report' }))).toEqual(['aana']);
    expect(ids(matcher.match({ title: 'The ac-0a report' }))).toEqual([]);
    expect(ids(matcher.match({ title: 'The aa-na report' }))).toEqual(['aana']);
  });

  it('join hyphenated words with accents and possessives like any other', () => {
    const matcher = matcherFor([simpleTopic('kyiv-moscow', ['Kyiv-Moscow']), simpleTopic('dnipro', ['Dnipro-Kherson'])]);
    expect(ids(matcher.match({ title: 'New KyivMoscow channel' }))).toEqual(['kyiv-moscow']);
    expect(ids(matcher.match({ title: 'Dnipró-Khersón’s front' }))).toEqual(['dnipro']);
  });
});

describe('rules', () => {
  const articleFive = matcherFor([
    {
      id: 'guarantees',
      name: 'Guarantees',
      description: 'Article 5 near a guarantee term',
      threshold: 3,
      rules: { near: [{ terms: ['Article 5'], near: ['guarantee*', 'NATO'], within: 4 }] },
    },
  ]);

  it('proximity counts the words between the two terms, within one field', () => {
    expect(ids(articleFive.match({ title: 'Article 5 would cover the guarantee' }))).toEqual(['guarantees']);
    expect(ids(articleFive.match({ title: 'Guarantees modelled on Article 5' }))).toEqual(['guarantees']);
    expect(ids(articleFive.match({ title: 'Article 5 of the data regulation bans the practice; guarantees follow' }))).toEqual([]);
    expect(ids(articleFive.match({ title: 'Article 5 explained', summary: 'Guarantees for Kyiv' }))).toEqual([]);
  });

  it('a rule with "in" counts only in those fields: the headline says it, the lede only mentions it', () => {
    const matcher = matcherFor([
      {
        id: 'peace',
        name: 'Peace',
        description: 'Ending the war, said in the title',
        threshold: 3,
        rules: {
          anyOf: [{ terms: ['end the war'], weight: 1, in: ['title'] }],
          near: [{ terms: ['talks'], near: ['Kyiv'], within: 3, weight: 1, in: ['title'] }],
        },
      },
    ]);
    expect(ids(matcher.match({ title: 'A plan to end the war' }))).toEqual(['peace']);
    expect(ids(matcher.match({ title: 'Missiles hit Lviv', summary: 'The strike came as efforts to end the war went on.' }))).toEqual([]);
    expect(ids(matcher.match({ title: 'Talks in Kyiv resume' }))).toEqual(['peace']);
    expect(ids(matcher.match({ title: 'Energy prices', summary: 'Talks in Kyiv resume' }))).toEqual([]);
    // Outside its fields a term is not there at all: the topic is not even a candidate.
    expect(matcher.evaluate({ title: 'Energy prices', summary: 'Efforts to end the war' })).toEqual([]);
  });

  it('a rule with "from"/"until" counts only for items published in that window (both days included), never for undated ones', () => {
    const matcher = matcherFor([
      {
        id: 'follow-up',
        name: 'Summit follow-up',
        description: 'What was agreed at the summit, in the weeks after it',
        threshold: 3,
        rules: { near: [{ terms: ['summit'], near: ['agreed'], within: 4, from: '2025-08-15', until: '2025-09-30' }] },
      },
    ]);
    const title = 'What was agreed at the summit';
    expect(ids(matcher.match({ title, published: '2025-08-15T00:00:00Z' }))).toEqual(['follow-up']);
    expect(ids(matcher.match({ title, published: 'Tue, 30 Sep 2025 23:59:00 GMT' }))).toEqual(['follow-up']);
    expect(ids(matcher.match({ title, published: '2025-10-01T00:00:00Z' }))).toEqual([]);
    expect(ids(matcher.match({ title, published: '2025-08-14T23:59:59Z' }))).toEqual([]);
    expect(ids(matcher.match({ title }))).toEqual([]);
    expect(ids(matcher.match({ title, published: 'not a date' }))).toEqual([]);
  });

  it('a required proximity rule gates the topic without scoring', () => {
    const matcher = matcherFor([
      {
        id: 'nato-membership',
        name: 'NATO membership',
        description: 'Ukraine joining NATO',
        threshold: 3,
        rules: {
          anyOf: [{ terms: ['joining NATO'] }],
          near: [{ label: 'about Ukraine', terms: ['joining'], near: ['Ukraine'], within: 3, weight: 0, required: true }],
        },
      },
    ]);
    expect(ids(matcher.match({ title: 'Ukraine joining NATO ruled out' }))).toEqual(['nato-membership']);
    const [finland] = matcher.evaluate({ title: 'Finland joining NATO angers Moscow', summary: 'The war in Ukraine goes on.' });
    expect(finland?.explain).toMatchObject({ status: 'missing-required', missing: ['about Ukraine'], score: 3 });
  });

  const crimea = matcherFor([
    {
      id: 'crimea',
      name: 'Crimea',
      description: 'Crimea in the war',
      threshold: 3,
      rules: {
        allOf: [{ label: 'Crimea', terms: ['Crimea', 'Crimean'], weight: 1.5 }],
        anyOf: [{ label: 'status', terms: ['annex*', '2014'], weight: 1.5 }],
        context: ['Russia*', 'Ukrain*', 'annex*'],
        exclude: ['recipe'],
        ignore: ['Crimean-Congo', 'Crimean War'],
      },
    },
  ]);

  it('required context: Crimea only counts with Ukraine/Russia/annexation around', () => {
    expect(ids(crimea.match({ title: 'Crimea: Russia marks annexation anniversary' }))).toEqual(['crimea']);
    const [withoutContext] = crimea.evaluate({ title: 'Crimean coast in Soviet holiday posters' });
    expect(withoutContext?.explain.status).toBe('missing-context');
  });

  it('exclusions block the topic and say which term did', () => {
    const [excluded] = crimea.evaluate({ title: 'A Crimean Tatar recipe from Russia', summary: 'Annexation aside, lamb.' });
    expect(excluded?.explain).toMatchObject({ status: 'excluded', excludedBy: { term: 'recipe', field: 'title', text: 'recipe' } });
    expect(crimea.match({ title: 'A Crimean Tatar recipe from Russia', summary: 'Annexation aside, lamb.' })).toEqual([]);
  });

  it('ignored phrases hide the words inside them', () => {
    const fever = { title: 'Crimean-Congo fever spreads in Russia and Ukraine', summary: 'Cases rose in 2014.' };
    expect(crimea.match(fever)).toEqual([]);
    const [evaluated] = crimea.evaluate(fever);
    expect(evaluated?.explain.status).toBe('missing-required');
    expect(evaluated?.explain.ignored).toEqual([{ term: 'Crimean', field: 'title', text: 'Crimean' }]);
    expect(ids(crimea.match({ ...fever, summary: 'Meanwhile Russia marked the annexation of Crimea in 2014.' }))).toEqual(['crimea']);
  });

  it('a context term counts at its first occurrence outside an ignored phrase, however often it occurs', () => {
    const talks = matcherFor([
      {
        id: 'talks',
        name: 'Talks',
        description: 'peace talks about Ukraine, not the airline',
        threshold: 3,
        rules: { anyOf: [{ terms: ['peace talks'] }], context: ['Ukraine'], ignore: ['Ukraine International Airlines'] },
      },
    ]);
    const airline = 'Ukraine International Airlines resumes flights. '.repeat(3);
    expect(talks.evaluate({ title: 'Peace talks resume', summary: airline })[0]?.explain.status).toBe('missing-context');
    const [found] = talks.match({ title: 'Peace talks resume', summary: airline, content: `${airline}\n\nUkraine says Ukraine wants guarantees.` });
    expect(found?.explain.context).toEqual({ term: 'Ukraine', field: 'body', text: 'Ukraine' });
  });

  it('all-of groups must all occur', () => {
    const [evaluated] = crimea.evaluate({ title: 'Russia celebrates annexation anniversary' });
    expect(evaluated?.explain).toMatchObject({ status: 'missing-required', missing: ['Crimea'] });
  });

  it('a required group found only in a field weighted 0 still counts as found', () => {
    const bodyUnweighted = matcherFor([
      {
        id: 'crimea-bridge',
        name: 'Crimea bridge',
        description: 'the bridge must be mentioned; only headline and lede score',
        threshold: 3,
        fieldWeights: { title: 3, lede: 2, body: 0 },
        rules: { allOf: [{ terms: ['Kerch bridge'] }], anyOf: [{ terms: ['Crimea'] }] },
      },
    ]);
    const item = { title: 'Crimea braces for winter', summary: 'Supplies run short.', content: 'Traffic on the Kerch bridge resumed.' };
    expect(ids(bodyUnweighted.match(item))).toEqual(['crimea-bridge']);
    expect(ids(bodyUnweighted.match({ ...item, content: 'Traffic resumed.' }))).toEqual([]);
  });

  it('field weights: a title hit counts more than a lede hit, a lede more than the body', () => {
    const matcher = matcherFor([simpleTopic('ceasefire', ['ceasefire'])]);
    expect(matcher.match({ title: 'Ceasefire talks' })[0]?.score).toBe(3);
    expect(matcher.evaluate({ title: 'Talks', summary: 'A ceasefire is near' })[0]?.explain).toMatchObject({ score: 2, status: 'below-threshold' });
    expect(matcher.evaluate({ title: 'Talks', content: 'Opening.\nA ceasefire is near' })[0]?.explain).toMatchObject({ score: 1, signals: [{ field: 'body' }] });
    const ledeFirst = matcherFor([{ ...simpleTopic('ceasefire', ['ceasefire']), fieldWeights: { title: 1, lede: 3, body: 0 } }]);
    expect(ledeFirst.match({ title: 'Talks', summary: 'A ceasefire is near' })[0]?.score).toBe(3);
  });

  it('the lede is the summary, or the first paragraph (at most ~60 words) of the content', () => {
    const matcher = matcherFor([simpleTopic('ceasefire', ['ceasefire'])]);
    const longParagraph = `${'word '.repeat(90)}ceasefire`;
    expect(matcher.evaluate({ title: 'x', content: 'A ceasefire.\nMore.' })[0]?.explain.signals[0]?.field).toBe('lede');
    expect(matcher.evaluate({ title: 'x', content: longParagraph })[0]?.explain.signals[0]?.field).toBe('body');
    expect(matcher.evaluate({ title: 'x', summary: 'No.', content: 'A ceasefire.' })[0]?.explain.signals[0]?.field).toBe('body');
  });
});

describe('explanations', () => {
  it('list the terms that hit, in which field, the points and the score against the threshold', () => {
    const matcher = matcherFor([
      {
        id: 'alaska-summit',
        name: 'Alaska summit',
        description: 'The Anchorage summit',
        threshold: 3,
        rules: {
          anyOf: [{ label: 'summit', terms: ['Alaska summit', 'Anchorage summit'], weight: 2 }],
          near: [{ label: 'Alaska near Putin', terms: ['Alaska', 'Anchorage'], near: ['Putin'], within: 5 }],
        },
      },
    ]);
    const [match] = matcher.match({ title: 'Putin lands in Anchorage', summary: 'The Alaska summit begins.' });
    expect(match).toEqual({
      topicId: 'alaska-summit',
      score: 7,
      explain: {
        status: 'matched',
        score: 7,
        threshold: 3,
        signals: [
          {
            rule: 'anyOf[0]',
            label: 'summit',
            field: 'lede',
            weight: 2,
            fieldWeight: 2,
            points: 4,
            hits: [{ term: 'Alaska summit', field: 'lede', text: 'Alaska summit' }],
          },
          {
            rule: 'near[0]',
            label: 'Alaska near Putin',
            field: 'title',
            weight: 1,
            fieldWeight: 3,
            points: 3,
            hits: [
              { term: 'Anchorage', field: 'title', text: 'Anchorage' },
              { term: 'Putin', field: 'title', text: 'Putin' },
            ],
          },
        ],
      },
    });
    if (!match) throw new Error('the item should match');
    expect(explanationLine(match.explain)).toBe(
      'score 7 ≥ threshold 3: "Alaska summit" in lede (+4), "Anchorage" in title + "Putin" in title (+3)',
    );
  });
});

describe('people in rules', () => {
  const zelensky: Person = {
    id: 'volodymyr-zelensky',
    name: 'Volodymyr Zelensky',
    role: 'President of Ukraine',
    aliases: ['Zelenskyy', 'Зеленський'],
    titles: ['the Ukrainian president'],
    principal: true,
  };
  const matcher = matcherFor([simpleTopic('zelensky', [{ person: 'volodymyr-zelensky' }])], [zelensky]);

  it('expand to the name and aliases (case-sensitive) and titles (any case)', () => {
    for (const title of ['Volodymyr Zelensky visits', 'Zelenskyy’s plan', 'Зеленський у Вашингтоні', 'The Ukrainian President speaks']) {
      expect(ids(matcher.match({ title }))).toEqual(['zelensky']);
    }
    expect(matcher.match({ title: 'zelenskyy lower-case handle trends' })).toEqual([]);
    expect(matcher.match({ title: 'Zelensky visits' })).toEqual([]);
  });

  it('show the person id and the words that matched', () => {
    expect(matcher.match({ title: 'Zelenskyy’s plan' })[0]?.explain.signals[0]?.hits).toEqual([
      { term: 'person:volodymyr-zelensky', field: 'title', text: 'Zelenskyy’s' },
    ]);
  });
});

describe('matching', () => {
  it('is pure: the same item gives the same result, whatever came before', () => {
    const matcher = matcherFor([simpleTopic('a', ['alpha']), simpleTopic('b', ['beta'])]);
    const first = matcher.match({ title: 'alpha', summary: 'beta' });
    matcher.match({ title: 'beta beta alpha' });
    expect(matcher.match({ title: 'alpha', summary: 'beta' })).toEqual(first);
    expect(ids(first)).toEqual(['a']);
  });
});
