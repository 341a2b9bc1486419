export { decodeFeedBytes } from './decode-feed-bytes.js';
export { cleanXmlText } from './xml-chars.js';
