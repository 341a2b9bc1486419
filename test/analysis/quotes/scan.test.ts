import { describe, expect, it } from 'vitest';
import { scanQuotes } from '../../../src/analysis/quotes/scan.js';
import { splitParagraphs } from '../../../src/text/sentences.js';

function quotesOf(text: string): string[] {
  return scanQuotes(text, splitParagraphs(text)).map((span) => text.slice(span.start, span.end));
}

describe('scanQuotes', () => {
  it('pairs any opening mark with any closing mark, as mixed wire copy needs', () => {
    expect(quotesOf('“We are ready," he said. "Are you?” she asked.')).toEqual(['We are ready,', 'Are you?']);
  });

  it('keeps a multi-sentence quotation whole', () => {
    expect(quotesOf('“That is big. I mean, really big. Nobody doubts it,” Witkoff said.')).toEqual(['That is big. I mean, really big. Nobody doubts it,']);
  });

  it('treats ’ as an apostrophe, never as a quote mark', () => {
    expect(quotesOf('Ukraine’s allies said “Russia’s war can’t go on” at the summit.')).toEqual(['Russia’s war can’t go on']);
  });

  it('reads guillemets and low-high marks', () => {
    expect(quotesOf('Szijjártó said: „No more money.“ Lukashenko called it «a mistake».')).toEqual(['No more money.', 'a mistake']);
  });

  it.each([
    ['a mark', '"We are working hard. There will be no betrayal.\n\n"Russia must feel it," Zelensky said.'],
    ['‘ (single marks)', '‘We are working hard. There will be no betrayal.\n\n‘Russia must feel it,’ Zelensky said.'],
  ])('continues a quotation left open when the next paragraph opens with %s', (_, text) => {
    const spans = scanQuotes(text, splitParagraphs(text));
    expect(spans.map((span) => text.slice(span.start, span.end))).toEqual(['We are working hard. There will be no betrayal.', 'Russia must feel it,']);
    expect(spans[0]).toMatchObject({ closed: false, continuesInNext: true });
    expect(spans[1]).toMatchObject({ closed: true, continuesPrevious: true });
  });

  it('ignores an inch mark and a stray mark that opens nothing', () => {
    expect(quotesOf('A 12" shell hit the building, officials said.')).toEqual([]);
  });

  it('gives offsets of the text between the marks', () => {
    const text = 'He said "yes" twice.';
    const [span] = scanQuotes(text, splitParagraphs(text));
    expect(span).toMatchObject({ start: 9, end: 12, open: 8, close: 13 });
  });

  it('reads British single marks: ‘ before a word opens, ’ ending a word closes, ’ before a letter is an apostrophe', () => {
    expect(quotesOf('‘We will not cede our land,’ Zelensky said.')).toEqual(['We will not cede our land,']);
    expect(quotesOf('Ukraine’s allies’ plan was ‘a trap’, said Kallas.')).toEqual(['a trap']);
    expect(quotesOf('‘The Kremlin’s offer is not serious,’ she said.')).toEqual(['The Kremlin’s offer is not serious,']);
  });

  it('keeps single marks inside a double-quoted quote part of it, and a ‘90s decade no quote', () => {
    expect(quotesOf('“He told me ‘never’ twice,” she said.')).toEqual(['He told me ‘never’ twice,']);
    expect(quotesOf('It was the ‘90s, and “nobody cared”, he said.')).toEqual(['nobody cared']);
  });

  it('drops a ‘ that never closes and reads on without it', () => {
    expect(quotesOf('An unclosed ‘mark here and “a double quote” later.')).toEqual(['a double quote']);
    expect(quotesOf('An unclosed ‘mark here and “a double quote” later, and ‘this’ too.')).toEqual(['a double quote', 'this']);
  });
});
