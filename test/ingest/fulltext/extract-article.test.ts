import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractArticle, type ArticleText } from '../../../src/ingest/fulltext/index.js';

const page = readFileSync(new URL('../../fixtures/ingest/article-peace-talks.html', import.meta.url), 'utf8');
const URL_OF_PAGE = 'https://www.example-news.com/world/europe/prisoner-swap-istanbul';

describe('extractArticle', () => {
  let article: ArticleText | null = null;
  beforeAll(async () => {
    article = await extractArticle(page, URL_OF_PAGE);
  });

  it('finds the title and byline', () => {
    expect(article?.title).toBe('Ukraine and Russia agree to prisoner swap after Istanbul talks');
    expect(article?.byline).toBe('Olena Kovalenko');
  });

  it('keeps every paragraph of the story, separated by blank lines', () => {
    const paragraphs = article?.text.split('\n\n') ?? [];
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[0]).toMatch(/^Ukraine and Russia agreed on Monday/);
    expect(paragraphs[1]).toContain('“We have agreed on an exchange of 1,000 for 1,000,”');
    expect(paragraphs[4]).toMatch(/has not yet been scheduled\.$/);
  });

  it('leaves navigation, share buttons, related links, newsletter, cookie banner and footer out', () => {
    for (const boilerplate of [
      'Subscribe for £1 a week',
      'Share on Facebook',
      'Email this article',
      'Read more',
      'drone attack hit 41',
      'Get our morning briefing',
      'Accept all cookies',
      'Most read',
      'Heatwave warning',
      'All rights reserved',
      'Privacy policy',
      'dataLayer',
    ]) {
      expect(article?.text).not.toContain(boilerplate);
    }
  });

  it('returns null for pages without an article', async () => {
    expect(await extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', URL_OF_PAGE)).toBeNull();
    expect(await extractArticle('', URL_OF_PAGE)).toBeNull();
  });
});
