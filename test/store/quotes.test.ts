import { describe, expect, it } from 'vitest';
import { extracted, person, reportQuotes } from '../support/quotes-db.js';
import { OPERATOR } from '../../src/store/visibility.js';
import { openTestStores, execute } from '../support/stores.js';

const HOUR = 3_600_000;
const AUG_18 = Date.UTC(2025, 7, 18, 9);

const witkoffCurly =
  '\u201cIt was agreed at the Alaska summit that the U.S. and Europe could effectively offer Article 5\u2011like language to cover a security guarantee,\u201d';
const witkoffStraight = '"It was agreed at the Alaska summit that the U.S. and Europe could effectively offer Article 5-like language to cover a security guarantee."';

describe('QuoteStore.saveForItem: one quote, several outlets', () => {
  it('merges copies that differ in quote marks, dashes, case and trailing punctuation, and names the first reporter', async () => {
    const stores = await openTestStores();
    const store = stores.quotes;
    const witkoff = { ...person('Steve Witkoff'), to: 'CNN', cue: 'told' };
    await reportQuotes(stores, { outlet: 'CNN', at: AUG_18 + 2 * HOUR, title: 'Witkoff: Russia agreed to robust guarantees' }, [extracted(witkoffCurly, witkoff)]);
    await reportQuotes(stores, { outlet: 'Reuters', at: AUG_18 + 3 * HOUR }, [extracted(witkoffStraight.toUpperCase(), witkoff)]);
    // Stored last but published first: the earliest report wins, not the first stored.
    const first = await reportQuotes(stores, { outlet: 'Kyiv Independent', at: AUG_18, title: 'US envoy on Article 5-like guarantees', link: 'https://kyivindependent.example/witkoff' }, [
      extracted(witkoffStraight.replace(/[.,]"$/, '"'), witkoff),
    ]);

    const [quote, ...others] = await store.quotesBy({ viewer: OPERATOR, limit: 10 });
    expect(others).toEqual([]);
    expect(quote).toMatchObject({
      speaker: 'Steve Witkoff',
      speakerType: 'person',
      to: 'CNN',
      sourceCount: 3,
      outletCount: 3,
      firstReportedAt: AUG_18,
      firstSource: { itemId: first, outlet: 'Kyiv Independent', title: 'US envoy on Article 5-like guarantees', link: 'https://kyivindependent.example/witkoff' },
    });
  });

  it('counts two stories from one outlet as two sources but one outlet', async () => {
    const stores = await openTestStores();
    const line = extracted('We are ready to meet at the leaders\u2019 level, but only with a ceasefire in place', person('Volodymyr Zelensky'));
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18, title: 'Zelensky ready to meet Putin' }, [line]);
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + HOUR, title: 'UPDATE 1-Zelensky ready to meet Putin' }, [line]);
    expect(await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ sourceCount: 2, outletCount: 1 }]);
  });

  it('merges a trimmed copy into the longer one, whichever arrives first, and keeps the longer wording', async () => {
    const long = 'The United States is potentially prepared to give Article 5 security guarantees, but directly from the U.S. and European countries, not NATO';
    const trimmed = 'prepared to give Article 5 security guarantees';
    for (const order of [[long, trimmed], [trimmed, long]]) {
      const stores = await openTestStores();
      for (const [index, text] of order.entries()) await reportQuotes(stores, { outlet: `Outlet ${index}`, at: AUG_18 + index * HOUR }, [extracted(text, person('Steve Witkoff'))]);
      expect(await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ quote: long, sourceCount: 2 }]);
    }
  });

  it('joins two different trims of one statement when the full statement arrives', async () => {
    const stores = await openTestStores();
    const zelensky = person('Volodymyr Zelensky');
    await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 }, [extracted('I hope that our joint strength with America', zelensky)]);
    await reportQuotes(stores, { outlet: 'DW', at: AUG_18 + HOUR }, [extracted('with our European friends, will force Russia into a true peace', zelensky)]);
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 2 * HOUR }, [
      extracted('I hope that our joint strength with America, with our European friends, will force Russia into a true peace.', zelensky),
    ]);
    expect(await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ sourceCount: 3, outletCount: 3, firstSource: { outlet: 'BBC' } }]);
  });

  it('does not merge a trimmed copy attributed to someone else', async () => {
    const stores = await openTestStores();
    await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 }, [extracted('We will never recognise the occupation of Crimea, never', person('Volodymyr Zelensky'))]);
    await reportQuotes(stores, { outlet: 'Meduza', at: AUG_18 }, [extracted('We will never recognise the occupation of Crimea', person('Kaja Kallas'))]);
    expect(await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 })).toHaveLength(2);
  });

  it('keeps a one-word partial quote apart per speaker: "historic" is in everyone\u2019s mouth', async () => {
    const stores = await openTestStores();
    await reportQuotes(stores, { outlet: 'CNN', at: AUG_18 }, [extracted('historic', { ...person('Volodymyr Zelensky'), kind: 'partial' })]);
    await reportQuotes(stores, { outlet: 'Fox News', at: AUG_18 }, [extracted('historic', { ...person('Donald Trump'), kind: 'partial' })]);
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + HOUR }, [extracted('\u201chistoric\u201d', { ...person('Volodymyr Zelensky', 0.8, 'the Ukrainian president'), kind: 'partial' })]);
    const quotes = await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 });
    expect(quotes.map((quote) => [quote.speaker, quote.sourceCount]).sort()).toEqual([
      ['Donald Trump', 1],
      ['Volodymyr Zelensky', 2],
    ]);
  });

  it('keeps the best attribution when outlets disagree: a named person beats an unknown speaker, then confidence', async () => {
    const stores = await openTestStores();
    const text = 'Time is running out for a deal, and everyone at this table knows it';
    await reportQuotes(stores, { outlet: 'Politico Europe', at: AUG_18 }, [extracted(text, { confidence: 0.95 })]);
    await reportQuotes(stores, { outlet: 'Reuters', at: AUG_18 + HOUR }, [extracted(text, { ...person('Marco Rubio', 0.55), to: 'reporters' })]);
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 2 * HOUR }, [extracted(text, { speaker: null, speakerType: 'nominal', speakerLabel: 'a senior U.S. official', confidence: 0.9 })]);
    expect(await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([
      { speaker: 'Marco Rubio', speakerId: 'marco-rubio', speakerType: 'person', to: 'reporters', confidence: 0.55, firstSource: { outlet: 'Politico Europe' } },
    ]);
  });

  it('stores reported speech apart from quotations of the same words', async () => {
    const stores = await openTestStores();
    const claim = 'Russia had agreed to allow the U.S. and its European allies to extend robust security guarantees to Ukraine';
    await reportQuotes(stores, { outlet: 'CNN', at: AUG_18 }, [extracted(claim, { ...person('Steve Witkoff'), kind: 'indirect', cue: 'revealed' })]);
    await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 }, [extracted(claim, person('Steve Witkoff'))]);
    const store = stores.quotes;
    expect((await store.quotesBy({ viewer: OPERATOR, limit: 5 })).map((quote) => quote.kind)).toEqual(['full']);
    expect((await store.quotesBy({ viewer: OPERATOR, limit: 5, includeIndirect: true })).map((quote) => quote.kind).sort()).toEqual(['full', 'indirect']);
  });

  it('replaces what an item had when the item is saved again, and skips quotes without words', async () => {
    const stores = await openTestStores();
    const store = stores.quotes;
    const itemId = await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 }, [extracted('We will see what happens in two weeks', person('Donald Trump'))]);
    const ids = await store.saveForItem(itemId, AUG_18, [extracted('We will see what happens in two weeks', person('Donald Trump')), extracted('\u2014')]);
    expect(ids[1]).toBeNull();
    expect(await store.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ sourceCount: 1 }]);
    await store.saveForItem(itemId, AUG_18, [extracted('A different quotation altogether, about the Donbas')]);
    expect((await store.quotesBy({ viewer: OPERATOR, limit: 5 })).map((quote) => quote.quote)).toEqual(['A different quotation altogether, about the Donbas']);
  });

  it('drops a quote whose only outlet is removed and moves the first report on for the others', async () => {
    const stores = await openTestStores();
    const line = extracted('Nobody wants a frozen conflict in the middle of Europe', person('Emmanuel Macron'));
    await reportQuotes(stores, { outlet: 'France 24', at: AUG_18 }, [line, extracted('We stand with Ukraine today and tomorrow', person('Emmanuel Macron'))]);
    await reportQuotes(stores, { outlet: 'Le Monde', at: AUG_18 + HOUR }, [line]);
    const feeds = stores.feeds;
    await feeds.remove((await feeds.all()).find((feed) => feed.outlet === 'France 24')?.id ?? -1);
    expect(await stores.quotes.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ quote: line.quote, firstReportedAt: AUG_18 + HOUR, firstSource: { outlet: 'Le Monde' }, sourceCount: 1 }]);
  });
});

describe('QuoteStore reads', () => {
  it('lists quotes by speaker since a time, most recent first', async () => {
    const stores = await openTestStores();
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 }, [extracted('There\u2019s nothing to talk about here', person('Volodymyr Zelensky'))]);
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 5 * HOUR }, [extracted('I\u2019m confident we will defend Ukraine', person('Volodymyr Zelensky'))]);
    await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 6 * HOUR }, [extracted('He can end the war almost immediately if he wants to', person('Donald Trump'))]);
    const store = stores.quotes;
    expect((await store.quotesBy({ viewer: OPERATOR, speakerId: 'volodymyr-zelensky', limit: 10 })).map((quote) => quote.quote)).toEqual([
      'I\u2019m confident we will defend Ukraine',
      'There\u2019s nothing to talk about here',
    ]);
    expect(await store.quotesBy({ viewer: OPERATOR, speakerId: 'volodymyr-zelensky', since: AUG_18 + HOUR, limit: 10 })).toHaveLength(1);
    expect((await store.quotesBy({ viewer: OPERATOR, limit: 1 })).map((quote) => quote.speaker)).toEqual(['Donald Trump']);
  });

  it('lists quotes reported in items matched to a topic', async () => {
    const stores = await openTestStores();
    const crimea = await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 }, [extracted('This is against our constitution', person('Volodymyr Zelensky'))]);
    await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 + HOUR }, [extracted('The sanctions will stay until Russia pays', person('Ursula von der Leyen'))]);
    await execute(stores, `INSERT INTO item_topics (item_id, topic_id, score, explain_json) VALUES (?, 'crimea', 1, '{}')`, crimea);
    expect((await stores.quotes.quotesBy({ viewer: OPERATOR, topicId: 'crimea', limit: 10 })).map((quote) => quote.speaker)).toEqual(['Volodymyr Zelensky']);
  });

  it('gives the top direct quotes of a set of items, most widely carried first, with every outlet counted', async () => {
    const stores = await openTestStores();
    const widely = extracted('That is big. I mean, really big.', person('Steve Witkoff'));
    const story = await reportQuotes(stores, { outlet: 'CNN', at: AUG_18 }, [
      extracted('Washington will decide nothing about Ukraine without Ukraine', person('Keir Starmer')),
      widely,
      extracted('the guarantees would be robust', { ...person('Steve Witkoff'), kind: 'indirect' }),
    ]);
    await reportQuotes(stores, { outlet: 'Reuters', at: AUG_18 + HOUR }, [widely]);
    await reportQuotes(stores, { outlet: 'NPR', at: AUG_18 + HOUR }, [widely]);
    const top = await stores.quotes.topQuotesForItems([story], OPERATOR);
    expect(top.map((quote) => [quote.quote, quote.outletCount])).toEqual([
      ['That is big. I mean, really big.', 3],
      ['Washington will decide nothing about Ukraine without Ukraine', 1],
    ]);
    expect(await stores.quotes.topQuotesForItems([story], OPERATOR, 1)).toHaveLength(1);
  });

  it('reads the items of a story and each one’s top quotes at once, as one by one', async () => {
    const stores = await openTestStores();
    const shared = extracted('We will not give up a single village', person('Volodymyr Zelensky'));
    const first = await reportQuotes(stores, { outlet: 'CNN', at: AUG_18 }, [shared, extracted('The talks were useful', person('Marco Rubio'))]);
    const quiet = await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 + HOUR }, []);
    const second = await reportQuotes(stores, { outlet: 'NPR', at: AUG_18 + 2 * HOUR }, [shared]);
    const ids = [second, 999_999, first, quiet];
    expect((await stores.items.byIds(ids, OPERATOR)).map((item) => item.id)).toEqual([first, quiet, second]);
    const oneByOne = await Promise.all([second, first, quiet].map((id) => stores.quotes.topQuotesForItems([id], OPERATOR)));
    expect(await stores.quotes.topQuotesByItem([second, first, quiet], OPERATOR)).toEqual(oneByOne);
    expect(oneByOne.map((quotes) => quotes.length)).toEqual([1, 2, 0]);
  });
});
