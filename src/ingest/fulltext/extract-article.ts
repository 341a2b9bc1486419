import type { Readability as ReadabilityParser } from '@mozilla/readability';
import { htmlToText } from '../parse/html-text.js';

export interface ArticleText {
  title: string | null;
  /** Plain text, paragraphs separated by "\n\n". */
  text: string;
  byline: string | null;
}

/** Pages with more elements than this are not worth the time (Readability aborts on them). */
const MAX_ELEMENTS = 30_000;
/** Readability falls back to whatever text it finds; less than this is a menu, not an article. */
const MIN_ARTICLE_CHARS = 140;

const cleanOrNull = (value: string | null | undefined) => {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : null;
};

/**
 * The readable article in an HTML page (Readability over a linkedom DOM), as plain text.
 * Null when the page has no article-like content. `url` (the page's address) is part of the
 * contract for callers; only markup would need it to resolve links, and we return text.
 * Readability and linkedom load on first use: a bot whose feeds carry their own text never needs them.
 */
export async function extractArticle(html: string, _url: string): Promise<ArticleText | null> {
  const [{ Readability }, { parseHTML }] = await Promise.all([import('@mozilla/readability'), import('linkedom')]);
  const { document } = parseHTML(html);
  let article: ReturnType<ReadabilityParser['parse']>;
  try {
    article = new Readability(document as never, { maxElemsToParse: MAX_ELEMENTS, keepClasses: false }).parse();
  } catch {
    // Readability throws on documents it cannot handle (too many elements, odd trees): no article.
    return null;
  }
  if (!article?.content) return null;
  const text = htmlToText(article.content);
  if (text.length < MIN_ARTICLE_CHARS) return null;
  return { title: cleanOrNull(article.title), text, byline: cleanOrNull(article.byline) };
}
