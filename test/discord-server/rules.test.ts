import { describe, expect, it } from 'vitest';
import { checkMessageLimits, pingingMentions } from '../support/discord/validation.js';

const create = { requireBody: true, fileCount: 0 };
const errorCodes = (write: Parameters<typeof checkMessageLimits>[0]) => {
  const reply = checkMessageLimits(write, create);
  return reply ? JSON.stringify(reply.body) : null;
};

describe("Discord's message limits", () => {
  it('accepts content at exactly 2,000 characters and refuses one more', () => {
    expect(checkMessageLimits({ content: 'a'.repeat(2_000) }, create)).toBeNull();
    expect(checkMessageLimits({ content: 'a'.repeat(2_001) }, create)).toEqual({
      status: 400,
      body: {
        code: 50035,
        message: 'Invalid Form Body',
        errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 2000 or fewer in length.' }] } },
      },
    });
  });

  it.each([
    ['title', { title: 't'.repeat(257) }, '"title"'],
    ['description', { description: 'd'.repeat(4_097) }, '"description"'],
    ['footer text', { footer: { text: 'f'.repeat(2_049) } }, '"footer":{"text"'],
    ['author name', { author: { name: 'a'.repeat(257) } }, '"author":{"name"'],
    ['field name', { fields: [{ name: 'n'.repeat(257), value: 'v' }] }, '"fields":{"0":{"name"'],
    ['field value', { fields: [{ name: 'n', value: 'v'.repeat(1_025) }] }, '"fields":{"0":{"value"'],
    ['field count', { fields: Array.from({ length: 26 }, (_, i) => ({ name: `n${i}`, value: 'v' })) }, '"fields":{"_errors"'],
  ])('refuses an embed whose %s is too long', (_label, embed, path) => {
    expect(errorCodes({ embeds: [embed] })).toContain(path);
    expect(errorCodes({ embeds: [embed] })).toContain('BASE_TYPE_MAX_LENGTH');
  });

  it('refuses more than 10 embeds and more than 6,000 characters across embeds', () => {
    expect(errorCodes({ embeds: Array.from({ length: 11 }, (_, i) => ({ title: `Story ${i}` })) })).toContain('Must be 10 or fewer in length.');
    const nearlyFull = { description: 'd'.repeat(3_000) };
    expect(checkMessageLimits({ embeds: [nearlyFull, nearlyFull] }, create)).toBeNull();
    expect(errorCodes({ embeds: [nearlyFull, nearlyFull, { title: 'x' }] })).toContain('MAX_EMBED_SIZE_EXCEEDED');
  });

  it('refuses fields without a name or value', () => {
    expect(errorCodes({ embeds: [{ fields: [{ name: '', value: 'Reuters' }] }] })).toContain('BASE_TYPE_REQUIRED');
  });

  it('refuses an empty message but allows an edit that only changes embeds', () => {
    expect(checkMessageLimits({ content: '   ' }, create)?.body).toEqual({ code: 50006, message: 'Cannot send an empty message' });
    expect(checkMessageLimits({ embeds: [{ title: 'Talks' }] }, create)).toBeNull();
    expect(checkMessageLimits({ content: '' }, { requireBody: true, fileCount: 1 })).toBeNull();
  });
});

describe('mentions that would ping', () => {
  const quote = 'Governor: "@everyone stay inside." <@123456789012345678> and <@&234567890123456789> were briefed';

  it('counts every mention when allowed_mentions is absent (Discord parses all by default)', () => {
    expect(pingingMentions({ content: quote })).toEqual(['@everyone', '<@123456789012345678>', '<@&234567890123456789>']);
  });

  it('counts none under {parse: []}', () => {
    expect(pingingMentions({ content: quote, allowed_mentions: { parse: [] } })).toEqual([]);
  });

  it('counts only what the allow-list permits', () => {
    expect(pingingMentions({ content: quote, allowed_mentions: { parse: [], users: ['123456789012345678'] } })).toEqual(['<@123456789012345678>']);
    expect(pingingMentions({ content: quote, allowed_mentions: { parse: ['roles'] } })).toEqual(['<@&234567890123456789>']);
  });

  it('counts a reply ping unless replied_user is false', () => {
    const reply = { content: 'Update', message_reference: { message_id: '1' } };
    expect(pingingMentions(reply)).toEqual(['(reply ping to the replied-to author)']);
    expect(pingingMentions({ ...reply, allowed_mentions: { parse: [], replied_user: false } })).toEqual([]);
  });
});
