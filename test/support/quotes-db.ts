import type { Db } from '../../src/store/database.js';
import { openDatabase } from '../../src/store/database.js';
import { FeedStore } from '../../src/store/feeds.js';
import { ItemStore } from '../../src/store/items.js';
import type { ExtractedQuote } from '../../src/analysis/quotes/types.js';
import { QuoteStore } from '../../src/store/quotes.js';

/** Every migration: quotes are kept apart by feed visibility, which a later migration adds. */
export function openQuotesDatabase(path = ':memory:'): Db {
  return openDatabase(path);
}

/** A quotation as the extractor would return it, attributed to nobody unless told otherwise. */
export function extracted(quote: string, fields: Partial<ExtractedQuote> = {}): ExtractedQuote {
  return {
    quote,
    speaker: null,
    speakerId: null,
    speakerType: 'unknown',
    speakerLabel: null,
    cue: 'said',
    to: null,
    kind: 'full',
    start: 0,
    end: quote.length,
    confidence: 0.8,
    ...fields,
  };
}

/** A tracked person, referred to in the article by surname unless `label` says how. */
export function person(name: string, confidence = 0.9, label = name.split(' ').at(-1) ?? name): Partial<ExtractedQuote> {
  return { speaker: name, speakerId: name.toLowerCase().replaceAll(' ', '-'), speakerType: 'person', speakerLabel: label, confidence };
}

export interface Report {
  outlet: string;
  /** Epoch ms. */
  at: number;
  title?: string;
  link?: string;
}

/** Stores one article from `outlet` (creating its feed on first use) carrying these quotes; returns the item id. */
export function reportQuotes(db: Db, report: Report, quotes: readonly ExtractedQuote[]): number {
  const feeds = new FeedStore(db);
  const url = `https://${report.outlet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example/rss`;
  const feed = feeds.bySourceUrl(url) ?? feeds.register({ url, outlet: report.outlet, fullText: false, intervalSeconds: 600, origin: 'config' }, 0);
  const identity = `${report.outlet}-${report.at}-${report.title ?? ''}`;
  const title = report.title ?? `${report.outlet} story`;
  const [itemId] = new ItemStore(db).insertNew(
    feed.id,
    [{ identity, guid: identity, link: report.link ?? `https://${report.outlet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example/${report.at}`, title, author: null, summary: '', content: quotes.map((quote) => quote.quote).join(' '), published: new Date(report.at).toUTCString() }],
    report.at,
    false,
  );
  if (itemId === undefined) throw new Error(`item ${identity} was already stored`);
  new QuoteStore(db).saveForItem(itemId, report.at, quotes);
  return itemId;
}
