import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One article as a feed carries it: the full text goes in <content:encoded>, the lede in <description>. */
export interface FeedArticle {
  guid: string;
  title: string;
  link: string;
  /** ISO 8601; written as RFC 822 in <pubDate>. */
  published: string;
  /** Paragraphs of the article. */
  body: readonly string[];
}

const demoArticleSchema = z.object({
  outlet: z.string(),
  title: z.string(),
  published: z.string(),
  body: z.array(z.string()).min(1),
});
export type DemoArticle = z.infer<typeof demoArticleSchema>;

/** A sample article from demo/articles (e.g. "01-white-house-meeting"). */
export function loadDemoArticle(name: string): DemoArticle {
  const path = new URL(`../../demo/articles/${name}.json`, import.meta.url);
  return demoArticleSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** An RSS 2.0 document whose items carry their whole text, as many news feeds do. Text is XML-escaped. */
export function articleFeed(channelTitle: string, articles: readonly FeedArticle[]): string {
  const items = articles.map((article) => {
    const html = article.body.map((paragraph) => `<p>${escapeXml(paragraph)}</p>`).join('\n');
    return [
      '<item>',
      `<title>${escapeXml(article.title)}</title>`,
      `<link>${escapeXml(article.link)}</link>`,
      `<guid isPermaLink="false">${escapeXml(article.guid)}</guid>`,
      `<pubDate>${new Date(article.published).toUTCString()}</pubDate>`,
      `<description>${escapeXml(article.body[0] ?? '')}</description>`,
      `<content:encoded><![CDATA[${html.replaceAll(']]>', ']]]]><![CDATA[>')}]]></content:encoded>`,
      '</item>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    `<channel><title>${escapeXml(channelTitle)}</title><link>https://example.org/</link><description>News</description>`,
    ...items,
    '</channel></rss>',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}
