export { summarizeArticle, storySentences, type Summary, type ArticleSummaryOptions } from './article.js';
export { summarizeStory, type StoryArticle, type StorySummaryOptions } from './story.js';
export {
  summarizeTopic,
  rankStoriesInWindow,
  distinctOutlets,
  firstSentence,
  type StoryDigestInput,
  type StorySource,
  type TopicSummary,
  type TopicStoryLine,
  type TopicWindowOptions,
} from './topic.js';
export { rankKeyQuotes, mergeOutletQuotes, quoteKey, type KeyQuoteCandidate, type OutletQuote } from './key-quotes.js';
