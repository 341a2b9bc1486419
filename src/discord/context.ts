import type { Person } from '../analysis/people/schema.js';
import type { Perspective } from '../analysis/sides/types.js';
import { summarizeArticle, type StoryDigestInput, type TopicSummary } from '../analysis/summary/index.js';
import { decodeFeedBytes } from '../ingest/decode/index.js';
import { fetchUrl, type FetchFailed, type FetchOptions } from '../ingest/fetch/index.js';
import { extractArticle } from '../ingest/fulltext/index.js';
import { parseFeed } from '../ingest/parse/index.js';
import type { Logger } from '../logging.js';
import type { FeedStore } from '../store/feeds.js';
import type { ItemTopicStore } from '../store/item-topics.js';
import type { ItemStore } from '../store/items.js';
import type { QuoteSearch, WhoSaidResult } from '../store/quote-search.js';
import type { QuoteStore, StoredQuote } from '../store/quotes.js';
import type { StorySidesView } from '../services/story-sides.js';
import type { StoryStore } from '../store/stories.js';
import type { SubscriptionStore } from '../store/subscriptions.js';
import { guildViewer } from '../store/visibility.js';
import type { MessageBody } from './delivery/message-body.js';
import type { CommandLimits } from './rate-limits.js';
import type { TopicCatalogue } from './topic-catalogue.js';
import type { WhyQuery, WhyReport } from './why-backend.js';

/** An expected failure of a service, with a reason to show the member as is ("no article text found at …"). */
export type ServiceOutcome<T> = { ok: true; value: T } | { ok: false; reason: string };

/** An article fetched and summarised for /summary url. Plain text: the command escapes it. */
export interface ArticleSummaryView {
  title: string;
  /** Where the article was read from, after redirects. */
  url: string;
  /** The summary sentences, in article order. */
  sentences: string[];
}

/** What a feed URL gave when fetched once: a parsable feed (with its title and item count), or why not. */
export type FeedCheck = ServiceOutcome<{ title: string; itemCount: number }>;

export interface QuoteQuery {
  /** The guild asking: it sees quotes from public feeds and the feeds it added. */
  guildId: string;
  personId?: string;
  topicId?: string;
  /** Epoch ms: quotes first reported at or after this. */
  since: number;
  limit: number;
}

export interface DigestPreviewRequest {
  guildId: string;
  /** Topic ids (CatalogueTopic.id) the digest covers. */
  topicIds: string[];
  /** Epoch ms: the digest window starts here and ends now. */
  since: number;
}

export interface StoryChoice {
  id: string;
  title: string;
}

/**
 * What the commands ask of the rest of wirewatch. src/discord/runtime.ts wires the real implementations
 * (coreBackends below and storyBackends in story-backends.ts); tests pass fakes. Every backend that reads what feeds
 * carried takes the guild asking and answers with what that guild may see (public feeds and the feeds it added).
 */
export interface CommandBackends {
  whoSaid(guildId: string, fragment: string): Promise<WhoSaidResult>;
  /** The top stories of a topic between `sinceMs` (epoch ms) and now. */
  summarizeTopic(guildId: string, topicId: string, sinceMs: number): Promise<TopicSummary>;
  /** The story, summarised across its outlets; null when there is no such story the guild may see. */
  summarizeStory(guildId: string, storyId: string): Promise<StoryDigestInput | null>;
  /** Fetches an article through the SSRF-safe fetcher, extracts its text and summarises it. */
  summarizeUrl(url: string): Promise<ServiceOutcome<ArticleSummaryView>>;
  quotes(query: QuoteQuery): Promise<StoredQuote[]>;
  /** The digest messages the guild would get now for these topics (each within Discord's limits). */
  digestPreview(request: DigestPreviewRequest): Promise<MessageBody[]>;
  /** Fetches the URL once through the SSRF-safe fetcher, decodes and parses it. */
  validateFeed(url: string): Promise<FeedCheck>;
  /** The story side by side: its reports grouped by perspective; null when there is no such story the guild may see. */
  storySides(guildId: string, storyId: string): Promise<StorySidesView | null>;
  /** Recent stories matching what is typed, best first (the command caps and truncates them). */
  storyChoices(guildId: string, query: string): Promise<StoryChoice[]>;
  /** What became of an article or story in this guild, and why; null when the guild cannot see it (or it is unknown). */
  why(guildId: string, query: WhyQuery): Promise<WhyReport | null>;
  /** A file a member attached (on Discord's CDN), fetched through the SSRF-safe fetcher, at most `maxBytes`, as text. */
  readAttachment(url: string, maxBytes: number): Promise<ServiceOutcome<string>>;
}

export interface BotStores {
  feeds: FeedStore;
  items: ItemStore;
  itemTopics: ItemTopicStore;
  subscriptions: SubscriptionStore;
  stories: StoryStore;
}

/** Everything a slash command may use. */
export interface BotContext {
  stores: BotStores;
  topics: TopicCatalogue;
  /** config/people.json. */
  people: readonly Person[];
  /** config/perspectives.json: the sides outlets are labelled with. */
  perspectives: readonly Perspective[];
  backends: CommandBackends;
  /** Per-member cooldowns and the cap on concurrent article fetches. */
  limits: CommandLimits;
  /** How often a feed added with /feeds add is polled. */
  newFeedIntervalSeconds: number;
  /** A feed was added or removed: wake the poller so a new feed is polled now. */
  feedsChanged(): void;
  now(): number;
  logger: Pick<Logger, 'debug' | 'info' | 'warn' | 'error'>;
}

export type FeedFetchSettings = Omit<FetchOptions, 'etag' | 'lastModified' | 'signal'>;

/**
 * The backends the quote store, the fetcher and the article summariser already provide: /whosaid, /quotes,
 * /summary url and the /feeds add check. The story and digest backends come from their own modules.
 */
export function coreBackends(options: {
  quotes: QuoteStore;
  quoteSearch: QuoteSearch;
  fetchSettings: FeedFetchSettings;
  discordApiUrl?: string;
}): Pick<CommandBackends, 'whoSaid' | 'quotes' | 'validateFeed' | 'summarizeUrl' | 'readAttachment'> {
  const { quotes, quoteSearch } = options;
  return {
    whoSaid: (guildId, fragment) => quoteSearch.search(fragment, { viewer: guildViewer(guildId) }),
    quotes: ({ guildId, personId, topicId, since, limit }) =>
      quotes.quotesBy({ ...(personId ? { speakerId: personId } : {}), ...(topicId ? { topicId } : {}), since, limit, viewer: guildViewer(guildId) }),
    validateFeed: feedValidator(options.fetchSettings),
    summarizeUrl: articleSummarizer(options.fetchSettings),
    readAttachment: async (url, maxBytes) => {
      // Only Discord's own files: its CDN, or the API host this bot is configured with (a local stand-in in tests,
      // whose address the operator chose, so the private-address guard does not apply to it).
      const host = hostOf(url);
      const apiHost = options.discordApiUrl === undefined ? null : hostOf(options.discordApiUrl);
      if (host === null || (!DISCORD_CDN_HOSTS.has(host) && (apiHost === null || host !== apiHost))) return { ok: false, reason: 'the file is not on Discord' };
      const allowPrivateNetworks = options.fetchSettings.allowPrivateNetworks === true || (apiHost !== null && host === apiHost);
      const file = await fetchUrl(url, { ...options.fetchSettings, accept: '*/*', maxBytes, allowPrivateNetworks });
      if (file.kind === 'failed') return { ok: false, reason: file.code === 'too-large' ? `the file is over ${Math.round(maxBytes / 1024)} KB` : fetchFailure('the attached file', file) };
      if (file.kind === 'not-modified') return { ok: false, reason: 'the attached file could not be read (Discord answered "not modified")' };
      return { ok: true, value: decodeFeedBytes(file.body, file.contentType) };
    },
  };
}

const DISCORD_CDN_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

function hostOf(url: string): string | null {
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}

function fetchFailure(url: string, failure: FetchFailed): string {
  if (failure.code === 'private-address') {
    return `${url} leads to a private or local network address, which wirewatch does not fetch. Give a public address.`;
  }
  return `wirewatch could not fetch ${url}: ${failure.message}. Check the address and that the site is up.`;
}

/** Checks a feed URL by fetching it once (SSRF guard, timeouts and size cap of fetchUrl), decoding and parsing it. */
export function feedValidator(settings: FeedFetchSettings): (url: string) => Promise<FeedCheck> {
  return async (url) => {
    const response = await fetchUrl(url, settings);
    if (response.kind === 'failed') return { ok: false, reason: fetchFailure(url, response) };
    if (response.kind === 'not-modified') return { ok: false, reason: `${url} answered "not modified" to a first request; give the feed's own URL.` };
    const parsed = parseFeed(decodeFeedBytes(response.body, response.contentType), { baseUrl: response.url });
    if (!parsed.ok) return { ok: false, reason: `${url} is not an RSS, Atom or JSON feed (${parsed.error}). Give the feed's URL, not the web page's.` };
    return { ok: true, value: { title: parsed.feed.title, itemCount: parsed.items.length } };
  };
}

const ARTICLE_SENTENCES = 4;
/** An article page /summary url reads at most: news pages are well under it, and parsing costs memory in proportion. */
export const MAX_ARTICLE_PAGE_BYTES = 512 * 1024;
/**
 * The text summarised at most (about 10,000 words, more than a long read): ranking compares every sentence with every
 * other, so cost grows with the square of the length.
 */
const MAX_ARTICLE_TEXT_CHARS = 60_000;

/** Fetches an article page through the SSRF-safe fetcher, extracts the readable text and summarises it extractively. */
export function articleSummarizer(settings: FeedFetchSettings): (url: string) => Promise<ServiceOutcome<ArticleSummaryView>> {
  return async (url) => {
    const page = await fetchUrl(url, { ...settings, accept: 'text/html,application/xhtml+xml', maxBytes: Math.min(settings.maxBytes ?? MAX_ARTICLE_PAGE_BYTES, MAX_ARTICLE_PAGE_BYTES) });
    if (page.kind === 'failed') return { ok: false, reason: fetchFailure(url, page) };
    if (page.kind === 'not-modified') return { ok: false, reason: `${url} answered "not modified" to a first request; give the article's own address.` };
    const article = await extractArticle(decodeFeedBytes(page.body, page.contentType), page.url);
    const summary = article ? summarizeArticle(article.text.slice(0, MAX_ARTICLE_TEXT_CHARS), { maxSentences: ARTICLE_SENTENCES }) : null;
    if (!article || !summary || summary.sentences.length === 0) {
      return { ok: false, reason: `No article text found at ${url}: it may be behind a paywall, a video, or a page built by scripts.` };
    }
    return { ok: true, value: { title: article.title ?? new URL(page.url).hostname, url: page.url, sentences: summary.sentences } };
  };
}
