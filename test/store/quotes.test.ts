import { describe, expect, it } from 'vitest';
import { FeedStore } from '../../src/store/feeds.js';
import { QuoteStore } from '../../src/store/quotes.js';
import { extracted, openQuotesDatabase, person, reportQuotes } from '../support/quotes-db.js';
import { OPERATOR } from '../../src/store/visibility.js';

const HOUR = 3_600_000;
const AUG_18 = Date.UTC(2025, 7, 18, 9);

const witkoffCurly =
  '\u201cIt was agreed at the Alaska summit that the U.S. and Europe could effectively offer Article 5\u2011like language to cover a security guarantee,\u201d';
const witkoffStraight = '"It was agreed at the Alaska summit that the U.S. and Europe could effectively offer Article 5-like language to cover a security guarantee."';

describe('QuoteStore.saveForItem: one quote, several outlets', () => {
  it('merges copies that differ in quote marks, dashes, case and trailing punctuation, and names the first reporter', () => {
    const db = openQuotesDatabase();
    const store = new QuoteStore(db);
    const witkoff = { ...person('Steve Witkoff'), to: 'CNN', cue: 'told' };
    reportQuotes(db, { outlet: 'CNN', at: AUG_18 + 2 * HOUR, title: 'Witkoff: Russia agreed to robust guarantees' }, [extracted(witkoffCurly, witkoff)]);
    reportQuotes(db, { outlet: 'Reuters', at: AUG_18 + 3 * HOUR }, [extracted(witkoffStraight.toUpperCase(), witkoff)]);
    // Stored last but published first: the earliest report wins, not the first stored.
    const first = reportQuotes(db, { outlet: 'Kyiv Independent', at: AUG_18, title: 'US envoy on Article 5-like guarantees', link: 'https://kyivindependent.example/witkoff' }, [
      extracted(witkoffStraight.replace(/[.,]"$/, '"'), witkoff),
    ]);

    const [quote, ...others] = store.quotesBy({ viewer: OPERATOR, limit: 10 });
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

  it('counts two stories from one outlet as two sources but one outlet', () => {
    const db = openQuotesDatabase();
    const line = extracted('We are ready to meet at the leaders\u2019 level, but only with a ceasefire in place', person('Volodymyr Zelensky'));
    reportQuotes(db, { outlet: 'AP', at: AUG_18, title: 'Zelensky ready to meet Putin' }, [line]);
    reportQuotes(db, { outlet: 'AP', at: AUG_18 + HOUR, title: 'UPDATE 1-Zelensky ready to meet Putin' }, [line]);
    expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ sourceCount: 2, outletCount: 1 }]);
  });

  it('merges a trimmed copy into the longer one, whichever arrives first, and keeps the longer wording', () => {
    const long = 'The United States is potentially prepared to give Article 5 security guarantees, but directly from the U.S. and European countries, not NATO';
    const trimmed = 'prepared to give Article 5 security guarantees';
    for (const order of [[long, trimmed], [trimmed, long]]) {
      const db = openQuotesDatabase();
      order.forEach((text, index) => reportQuotes(db, { outlet: `Outlet ${index}`, at: AUG_18 + index * HOUR }, [extracted(text, person('Steve Witkoff'))]));
      expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ quote: long, sourceCount: 2 }]);
    }
  });

  it('joins two different trims of one statement when the full statement arrives', () => {
    const db = openQuotesDatabase();
    const zelensky = person('Volodymyr Zelensky');
    reportQuotes(db, { outlet: 'BBC', at: AUG_18 }, [extracted('I hope that our joint strength with America', zelensky)]);
    reportQuotes(db, { outlet: 'DW', at: AUG_18 + HOUR }, [extracted('with our European friends, will force Russia into a true peace', zelensky)]);
    reportQuotes(db, { outlet: 'AP', at: AUG_18 + 2 * HOUR }, [
      extracted('I hope that our joint strength with America, with our European friends, will force Russia into a true peace.', zelensky),
    ]);
    expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ sourceCount: 3, outletCount: 3, firstSource: { outlet: 'BBC' } }]);
  });

  it('does not merge a trimmed copy attributed to someone else', () => {
    const db = openQuotesDatabase();
    reportQuotes(db, { outlet: 'BBC', at: AUG_18 }, [extracted('We will never recognise the occupation of Crimea, never', person('Volodymyr Zelensky'))]);
    reportQuotes(db, { outlet: 'Meduza', at: AUG_18 }, [extracted('We will never recognise the occupation of Crimea', person('Kaja Kallas'))]);
    expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 })).toHaveLength(2);
  });

  it('keeps a one-word partial quote apart per speaker: "historic" is in everyone\u2019s mouth', () => {
    const db = openQuotesDatabase();
    reportQuotes(db, { outlet: 'CNN', at: AUG_18 }, [extracted('historic', { ...person('Volodymyr Zelensky'), kind: 'partial' })]);
    reportQuotes(db, { outlet: 'Fox News', at: AUG_18 }, [extracted('historic', { ...person('Donald Trump'), kind: 'partial' })]);
    reportQuotes(db, { outlet: 'AP', at: AUG_18 + HOUR }, [extracted('\u201chistoric\u201d', { ...person('Volodymyr Zelensky', 0.8, 'the Ukrainian president'), kind: 'partial' })]);
    const quotes = new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 });
    expect(quotes.map((quote) => [quote.speaker, quote.sourceCount]).sort()).toEqual([
      ['Donald Trump', 1],
      ['Volodymyr Zelensky', 2],
    ]);
  });

  it('keeps the best attribution when outlets disagree: a named person beats an unknown speaker, then confidence', () => {
    const db = openQuotesDatabase();
    const text = 'Time is running out for a deal, and everyone at this table knows it';
    reportQuotes(db, { outlet: 'Politico Europe', at: AUG_18 }, [extracted(text, { confidence: 0.95 })]);
    reportQuotes(db, { outlet: 'Reuters', at: AUG_18 + HOUR }, [extracted(text, { ...person('Marco Rubio', 0.55), to: 'reporters' })]);
    reportQuotes(db, { outlet: 'AP', at: AUG_18 + 2 * HOUR }, [extracted(text, { speaker: null, speakerType: 'nominal', speakerLabel: 'a senior U.S. official', confidence: 0.9 })]);
    expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([
      { speaker: 'Marco Rubio', speakerId: 'marco-rubio', speakerType: 'person', to: 'reporters', confidence: 0.55, firstSource: { outlet: 'Politico Europe' } },
    ]);
  });

  it('stores reported speech apart from quotations of the same words', () => {
    const db = openQuotesDatabase();
    const claim = 'Russia had agreed to allow the U.S. and its European allies to extend robust security guarantees to Ukraine';
    reportQuotes(db, { outlet: 'CNN', at: AUG_18 }, [extracted(claim, { ...person('Steve Witkoff'), kind: 'indirect', cue: 'revealed' })]);
    reportQuotes(db, { outlet: 'BBC', at: AUG_18 }, [extracted(claim, person('Steve Witkoff'))]);
    const store = new QuoteStore(db);
    expect(store.quotesBy({ viewer: OPERATOR, limit: 5 }).map((quote) => quote.kind)).toEqual(['full']);
    expect(store.quotesBy({ viewer: OPERATOR, limit: 5, includeIndirect: true }).map((quote) => quote.kind).sort()).toEqual(['full', 'indirect']);
  });

  it('replaces what an item had when the item is saved again, and skips quotes without words', () => {
    const db = openQuotesDatabase();
    const store = new QuoteStore(db);
    const itemId = reportQuotes(db, { outlet: 'BBC', at: AUG_18 }, [extracted('We will see what happens in two weeks', person('Donald Trump'))]);
    const ids = store.saveForItem(itemId, AUG_18, [extracted('We will see what happens in two weeks', person('Donald Trump')), extracted('\u2014')]);
    expect(ids[1]).toBeNull();
    expect(store.quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ sourceCount: 1 }]);
    store.saveForItem(itemId, AUG_18, [extracted('A different quotation altogether, about the Donbas')]);
    expect(store.quotesBy({ viewer: OPERATOR, limit: 5 }).map((quote) => quote.quote)).toEqual(['A different quotation altogether, about the Donbas']);
  });

  it('drops a quote whose only outlet is removed and moves the first report on for the others', () => {
    const db = openQuotesDatabase();
    const line = extracted('Nobody wants a frozen conflict in the middle of Europe', person('Emmanuel Macron'));
    reportQuotes(db, { outlet: 'France 24', at: AUG_18 }, [line, extracted('We stand with Ukraine today and tomorrow', person('Emmanuel Macron'))]);
    reportQuotes(db, { outlet: 'Le Monde', at: AUG_18 + HOUR }, [line]);
    const feeds = new FeedStore(db);
    feeds.remove(feeds.all().find((feed) => feed.outlet === 'France 24')?.id ?? -1);
    expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, limit: 5 })).toMatchObject([{ quote: line.quote, firstReportedAt: AUG_18 + HOUR, firstSource: { outlet: 'Le Monde' }, sourceCount: 1 }]);
  });
});

describe('QuoteStore reads', () => {
  it('lists quotes by speaker since a time, most recent first', () => {
    const db = openQuotesDatabase();
    reportQuotes(db, { outlet: 'AP', at: AUG_18 }, [extracted('There\u2019s nothing to talk about here', person('Volodymyr Zelensky'))]);
    reportQuotes(db, { outlet: 'AP', at: AUG_18 + 5 * HOUR }, [extracted('I\u2019m confident we will defend Ukraine', person('Volodymyr Zelensky'))]);
    reportQuotes(db, { outlet: 'AP', at: AUG_18 + 6 * HOUR }, [extracted('He can end the war almost immediately if he wants to', person('Donald Trump'))]);
    const store = new QuoteStore(db);
    expect(store.quotesBy({ viewer: OPERATOR, speakerId: 'volodymyr-zelensky', limit: 10 }).map((quote) => quote.quote)).toEqual([
      'I\u2019m confident we will defend Ukraine',
      'There\u2019s nothing to talk about here',
    ]);
    expect(store.quotesBy({ viewer: OPERATOR, speakerId: 'volodymyr-zelensky', since: AUG_18 + HOUR, limit: 10 })).toHaveLength(1);
    expect(store.quotesBy({ viewer: OPERATOR, limit: 1 }).map((quote) => quote.speaker)).toEqual(['Donald Trump']);
  });

  it('lists quotes reported in items matched to a topic', () => {
    const db = openQuotesDatabase();
    const crimea = reportQuotes(db, { outlet: 'BBC', at: AUG_18 }, [extracted('This is against our constitution', person('Volodymyr Zelensky'))]);
    reportQuotes(db, { outlet: 'BBC', at: AUG_18 + HOUR }, [extracted('The sanctions will stay until Russia pays', person('Ursula von der Leyen'))]);
    db.prepare(`INSERT INTO item_topics (item_id, topic_id, score, explain_json) VALUES (?, 'crimea', 1, '{}')`).run(crimea);
    expect(new QuoteStore(db).quotesBy({ viewer: OPERATOR, topicId: 'crimea', limit: 10 }).map((quote) => quote.speaker)).toEqual(['Volodymyr Zelensky']);
  });

  it('gives the top direct quotes of a set of items, most widely carried first, with every outlet counted', () => {
    const db = openQuotesDatabase();
    const widely = extracted('That is big. I mean, really big.', person('Steve Witkoff'));
    const story = reportQuotes(db, { outlet: 'CNN', at: AUG_18 }, [
      extracted('Washington will decide nothing about Ukraine without Ukraine', person('Keir Starmer')),
      widely,
      extracted('the guarantees would be robust', { ...person('Steve Witkoff'), kind: 'indirect' }),
    ]);
    reportQuotes(db, { outlet: 'Reuters', at: AUG_18 + HOUR }, [widely]);
    reportQuotes(db, { outlet: 'NPR', at: AUG_18 + HOUR }, [widely]);
    const top = new QuoteStore(db).topQuotesForItems([story], OPERATOR);
    expect(top.map((quote) => [quote.quote, quote.outletCount])).toEqual([
      ['That is big. I mean, really big.', 3],
      ['Washington will decide nothing about Ukraine without Ukraine', 1],
    ]);
    expect(new QuoteStore(db).topQuotesForItems([story], OPERATOR, 1)).toHaveLength(1);
  });
});
