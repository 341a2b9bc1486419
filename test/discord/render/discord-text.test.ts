import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  escapeAndFit,
  escapeAndFitLine,
  escapeDiscordText,
  linkedLabel,
  maskedLink,
  maskedLinkTarget,
  safeLink,
  truncateText,
} from '../../../src/discord/render/discord-text.js';
import { singleLine } from '../../../src/text/single-line.js';

const ZWSP = '\u200b';

/** True when every markdown/mention character in the text is escaped by an odd run of backslashes. */
function allSpecialsEscaped(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    if (!'*_~`|[]<>'.includes(text[i] ?? '')) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && text[j] === '\\'; j -= 1) slashes += 1;
    if (slashes % 2 === 0) return false;
  }
  return true;
}

describe('escapeDiscordText', () => {
  it('breaks mass mentions and shows user, role and channel mentions literally', () => {
    expect(escapeDiscordText('Statement to @everyone and @here from <@123456789012345678>, <@&987> in <#555>')).toBe(
      `Statement to @${ZWSP}everyone and @${ZWSP}here from \\<@123456789012345678\\>, \\<@&987\\> in \\<#555\\>`,
    );
    expect(escapeDiscordText('@EVERYONE')).toBe(`@${ZWSP}EVERYONE`);
    expect(escapeDiscordText('<@!456> </digest:99>')).toBe('\\<@!456\\> \\</digest:99\\>');
  });

  it('shows masked links and markdown as typed', () => {
    expect(escapeDiscordText('[Read the full deal](https://evil.example/phish)')).toBe('\\[Read the full deal\\](https://evil.example/phish)');
    expect(escapeDiscordText('**Breaking**: _talks_ ~~collapse~~ `now` ||spoiler||')).toBe(
      '\\*\\*Breaking\\*\\*: \\_talks\\_ \\~\\~collapse\\~\\~ \\`now\\` \\|\\|spoiler\\|\\|',
    );
  });

  it('neutralises line-start markdown (headers, subtext, quotes, lists)', () => {
    expect(escapeDiscordText('# Huge\n-# small\n> quoted\n- item\n1. first')).toBe('\\# Huge\n\\-# small\n\\> quoted\n\\- item\n1\\. first');
    expect(escapeDiscordText('Kyiv #1 priority - a ceasefire')).toBe('Kyiv #1 priority - a ceasefire');
    expect(escapeDiscordText('Talks > sanctions, says envoy')).toBe('Talks \\> sanctions, says envoy');
  });

  it('leaves bare links working and drops invisible control characters', () => {
    expect(escapeDiscordText('Full text: https://www.example.com/news/peace_talks_2025?id=1*2')).toBe('Full text: https://www.example.com/news/peace_talks_2025?id=1*2');
    expect(escapeDiscordText('Zel\u200bensky\u202e said\u0007')).toBe('Zelensky said');
    expect(escapeDiscordText('See https://social.example/@everyone/status/1')).toBe('See https://social.example/%40everyone/status/1');
    expect(escapeDiscordText('👩\u200d👩\u200d👧 می\u200cخواهم')).toBe('👩\u200d👩\u200d👧 می\u200cخواهم');
  });

  it('escapes every markdown and mention character in arbitrary prose', () => {
    const hostile = fc.string({ unit: fc.constantFrom('a', ' ', '\n', '@', 'everyone', 'here', '<', '>', '#', '&', '[', ']', '(', ')', '*', '_', '~', '`', '|', '\\', '-', '1', '.') });
    fc.assert(
      fc.property(hostile, (text) => {
        const escaped = escapeDiscordText(text);
        return allSpecialsEscaped(escaped) && !/@(everyone|here)/iu.test(escaped);
      }),
      { numRuns: 300 },
    );
  });
});

describe('truncateText and escapeAndFit', () => {
  it('cuts at a word boundary with an ellipsis and never splits a surrogate pair', () => {
    expect(truncateText('Ukraine and Russia agree to a prisoner swap', 25)).toBe('Ukraine and Russia agree…');
    const emoji = '🇺🇦'.repeat(10);
    const cut = truncateText(emoji, 7);
    expect(cut.length).toBeLessThanOrEqual(7);
    expect(cut.endsWith('…')).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/u.test(cut)).toBe(false);
  });

  it('keeps as much of markdown-heavy text as fits once escaped', () => {
    expect(escapeAndFit('short', 10)).toBe('short');
    expect(escapeAndFit('*'.repeat(50), 21)).toBe(`${'\\*'.repeat(10)}…`);
    expect(escapeAndFit('*', 1)).toBe('');
  });

  it('never splits a surrogate pair when fitting escaped text', () => {
    const fitted = escapeAndFit('🇺🇦'.repeat(20), 9);
    expect(fitted.length).toBeLessThanOrEqual(9);
    expect(fitted.endsWith('…')).toBe(true);
    expect(() => encodeURIComponent(fitted)).not.toThrow();
  });

  it('fits escaped text in the limit without leaving a dangling escape', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('*', '_', 'a', ' ', '<', '@', 'é', '\\') }), fc.integer({ min: 1, max: 80 }), (text, max) => {
        const fitted = escapeAndFit(text, max);
        return fitted.length <= max && allSpecialsEscaped(fitted) && !/(^|[^\\])(\\\\)*\\$/u.test(fitted);
      }),
      { numRuns: 300 },
    );
  });
});

describe('singleLine and escapeAndFitLine', () => {
  it('puts feed text on one line, dropping invisible characters', () => {
    expect(singleLine('  Peace\r\ntalks\u2028resume\u200b \u202e today\t ')).toBe('Peace talks resume today');
  });

  it('escapes and fits text that must stay on one line', () => {
    expect(escapeAndFitLine('  Hello\n\n@everyone *now*  ', 100)).toBe(`Hello @${ZWSP}everyone \\*now\\*`);
    expect(escapeAndFitLine('# Kyiv\n> talks\n- resume', 100)).toBe('\\# Kyiv \\> talks - resume');
    expect(escapeAndFitLine('Ukraine and Russia agree\nto a prisoner swap', 25)).toBe('Ukraine and Russia agree…');
  });
});

describe('links', () => {
  it('accepts only absolute http(s) links', () => {
    expect(safeLink('https://www.reuters.com/world/a b')).toBe('https://www.reuters.com/world/a%20b');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('/relative/path')).toBeNull();
    expect(safeLink(null)).toBeNull();
    expect(safeLink('not a url')).toBeNull();
    expect(safeLink(`https://example.com/${'a'.repeat(2_000)}`)).toBeNull();
    expect(safeLink(`https://example.com/${' '.repeat(700)}x`)).toBeNull();
  });

  it('gives a masked-link target only for a usable link within the length asked for', () => {
    expect(maskedLinkTarget('https://example.com/a_(b)')).toBe('https://example.com/a_%28b%29');
    expect(maskedLinkTarget('javascript:alert(1)')).toBeNull();
    expect(maskedLinkTarget(`https://example.com/${'a'.repeat(600)}`, 512)).toBeNull();
    expect(maskedLinkTarget(`https://example.com/${'a'.repeat(600)}`)).toBe(`https://example.com/${'a'.repeat(600)}`);
  });

  it('builds a masked link whose URL cannot end the link early', () => {
    expect(maskedLink('AP [wire]', 'https://apnews.com/a)b(c')).toBe('[AP \\[wire\\]](https://apnews.com/a%29b%28c)');
  });

  it('escapes a URL in a label, so feed text cannot close the label and pick the link target', () => {
    const label = 'https://news.example/a](https://phish.example) more';
    expect(maskedLink(label, 'https://news.example/a')).toBe('[https://news.example/a\\](https://phish.example) more](https://news.example/a)');
    expect(linkedLabel(label, 'https://news.example/a', 200)).toBe('[https://news.example/a\\](https://phish.example) more](https://news.example/a)');
  });

  it('links a label that is escaped, on one line and fitted, or shows just the label for an unusable link', () => {
    expect(linkedLabel('[Click](evil)\n@here', 'https://example.com', 200)).toBe(`[\\[Click\\](evil) @${ZWSP}here](https://example.com/)`);
    expect(linkedLabel('Reuters', 'ftp://example.com', 200)).toBe('Reuters');
    expect(linkedLabel('Reuters', `https://example.com/${'a'.repeat(600)}`, 200, 512)).toBe('Reuters');
    expect(linkedLabel('Ukraine and Russia agree to a prisoner swap', 'https://example.com/swap', 25)).toBe(
      '[Ukraine and Russia agree…](https://example.com/swap)',
    );
    expect(linkedLabel(' \u200b ', 'https://example.com/', 200)).toBe('[link](https://example.com/)');
  });
});
