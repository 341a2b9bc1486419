export { buildDigest } from './build.js';
export { renderDigestMessages, formatWindow, type DiscordEmbed, type DiscordMessagePayload } from './render-discord.js';
export { renderDigestMarkdown } from './render-markdown.js';
export { DISCORD_LIMITS, embedLength } from './discord-limits.js';
export { escapeDiscordText, escapeMarkdown, neutralizeMentions, fitEscaped, maskedLink, safeUrl } from './discord-text.js';
export type {
  Digest,
  DigestEntry,
  DigestInput,
  DigestQuoteLine,
  DigestSection,
  DigestStory,
  DigestStoryStatus,
  DigestTopic,
} from './types.js';
