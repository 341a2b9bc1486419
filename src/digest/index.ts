export { buildDigest } from './build.js';
export { renderDigestMessages, formatWindow } from './render-discord.js';
export { renderDigestMarkdown } from './render-markdown.js';
export type {
  Digest,
  DigestEntry,
  DigestInput,
  DigestKeyQuote,
  DigestQuoteLine,
  DigestSection,
  DigestStory,
  DigestStoryStatus,
  DigestTopic,
} from './types.js';
