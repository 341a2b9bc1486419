export { buildDigest } from './build.js';
export { formatWindow } from './window.js';
export { renderDigestMarkdown } from './render-markdown.js';
export type {
  Digest,
  DigestBlindspot,
  DigestEntry,
  DigestInput,
  DigestKeyQuote,
  DigestQuoteLine,
  DigestSection,
  DigestStory,
  DigestStoryStatus,
  DigestTopic,
} from './types.js';
