import { describe, expect, it } from 'vitest';
import { ids, matcherFor, simpleTopic } from './helpers.js';

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
