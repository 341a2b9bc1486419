import { readFile } from 'node:fs/promises';
import { htmlToText, looksLikeHtml } from '../ingest/parse/html-text.js';

export type Article = { ok: true; text: string } | { ok: false; error: string };

/** Reads an article file: plain text as is, HTML (by extension or content) converted to paragraphs of text. */
export async function readArticle(path: string, shownAs: string): Promise<Article> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? `no such file: ${shownAs}` : `cannot read ${shownAs}: ${(error as Error).message}` };
  }
  const isHtml = /\.x?html?$/i.test(path) || (/^\s*</.test(raw) && looksLikeHtml(raw));
  return { ok: true, text: isHtml ? htmlToText(raw) : raw };
}
