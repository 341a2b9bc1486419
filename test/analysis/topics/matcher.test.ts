import { describe, expect, it } from 'vitest';
import type { Person } from '../../../src/analysis/people/schema.js';
import { explanationLine } from '../../../src/analysis/topics/index.js';
import { ids, matcherFor, simpleTopic } from './helpers.js';

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
