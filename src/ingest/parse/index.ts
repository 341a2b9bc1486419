export { parseFeed } from './parse-feed.js';
export { collapseWhitespace, decodeEntities, htmlToInlineText, htmlToText, looksLikeHtml } from './html-text.js';
export { normalizeDate } from './dates.js';
export type { FeedInfo, FeedItem, ParseOptions, ParseResult } from './types.js';
export { pageImageUrls } from './images.js';
