import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeAndFit, escapeDiscordText, maskedLink, safeLink, truncateText } from '../../../src/discord/render/discord-text.js';

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

describe('links', () => {
  it('accepts only absolute http(s) links', () => {
    expect(safeLink('https://www.reuters.com/world/a b')).toBe('https://www.reuters.com/world/a%20b');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('/relative/path')).toBeNull();
    expect(safeLink(null)).toBeNull();
  });

  it('builds a masked link whose URL cannot end the link early', () => {
    expect(maskedLink('AP [wire]', 'https://apnews.com/a)b(c')).toBe('[AP \\[wire\\]](https://apnews.com/a%29b%28c)');
  });
});
