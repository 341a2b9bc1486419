import type { ExtractedQuote } from '../../src/analysis/quotes/types.js';
import type { Stores } from '../../src/store/index.js';

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
export async function reportQuotes(stores: Stores, report: Report, quotes: readonly ExtractedQuote[]): Promise<number> {
  const { feeds } = stores;
  const url = `https://${report.outlet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example/rss`;
  const feed = (await feeds.bySourceUrl(url)) ?? (await feeds.register({ url, outlet: report.outlet, fullText: false, intervalSeconds: 600, origin: 'config' }, 0));
  const identity = `${report.outlet}-${report.at}-${report.title ?? ''}`;
  const title = report.title ?? `${report.outlet} story`;
  const [itemId] = await stores.items.insertNew(
    feed.id,
    [{ identity, guid: identity, link: report.link ?? `https://${report.outlet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.example/${report.at}`, title, author: null, summary: '', content: quotes.map((quote) => quote.quote).join(' '), published: new Date(report.at).toUTCString() }],
    report.at,
    false,
  );
  if (itemId === undefined) throw new Error(`item ${identity} was already stored`);
  await stores.quotes.saveForItem(itemId, report.at, quotes);
  return itemId;
}
