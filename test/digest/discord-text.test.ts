import { describe, expect, it } from 'vitest';
import { escapeDiscordText, escapeMarkdown, fitEscaped, maskedLink, neutralizeMentions, safeUrl } from '../../src/digest/discord-text.js';

describe('neutralizeMentions', () => {
  it('breaks mass mentions and user, role, channel and command mentions with a zero-width space', () => {
    expect(neutralizeMentions('@everyone and @here, @Everyone')).toBe('@\u200beveryone and @\u200bhere, @\u200bEveryone');
    expect(neutralizeMentions('<@123> <@!456> <@&789> <#42> </digest:99>')).toBe(
      '<\u200b@123> <\u200b@!456> <\u200b@&789> <\u200b#42> <\u200b/digest:99>',
    );
  });
});

describe('escapeMarkdown', () => {
  it('escapes emphasis, spoilers, quotes, code and masked-link brackets', () => {
    expect(escapeMarkdown('*bold* _it_ ~~s~~ ||x|| > q `c` [t](https://x.y)')).toBe(
      '\\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\|\\|x\\|\\| \\> q \\`c\\` \\[t\\]\\(https://x.y\\)',
    );
  });

  it('escapes headings and list markers only at the start of a line', () => {
    expect(escapeMarkdown('# Head\n- item\n1. first\na - b #2')).toBe('\\# Head\n\\- item\n\\1. first\na - b #2');
  });
});

describe('escapeDiscordText', () => {
  it('collapses whitespace to one line, escapes and neutralises', () => {
    expect(escapeDiscordText('  Hello\n\n@everyone *now*  ')).toBe('Hello @\u200beveryone \\*now\\*');
  });
});

describe('fitEscaped', () => {
  it('returns short text whole and marks a cut with an ellipsis within the limit', () => {
    expect(fitEscaped('short', 10)).toEqual({ text: 'short', truncated: false });
    const cut = fitEscaped('*'.repeat(50), 21);
    expect(cut.truncated).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(21);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.text).toBe(`${'\\*'.repeat(10)}…`);
  });

  it('never splits a surrogate pair', () => {
    const cut = fitEscaped('🇺🇦'.repeat(20), 9);
    expect(cut.text.length).toBeLessThanOrEqual(9);
    expect(() => encodeURIComponent(cut.text)).not.toThrow();
  });
});

describe('safeUrl and maskedLink', () => {
  it('accepts http(s) only and encodes parentheses', () => {
    expect(safeUrl('https://example.com/a_(b)')).toBe('https://example.com/a_%28b%29');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
    expect(safeUrl(`https://example.com/${'a'.repeat(600)}`)).toBeNull();
  });

  it('escapes the label and falls back to plain text for an unusable URL', () => {
    expect(maskedLink('[Click](evil) @here', 'https://example.com')).toBe('[\\[Click\\]\\(evil\\) @\u200bhere](https://example.com/)');
    expect(maskedLink('Reuters', 'ftp://example.com')).toBe('Reuters');
  });
});
