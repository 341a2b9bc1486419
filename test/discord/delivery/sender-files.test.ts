import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageBodySchema } from '../../../src/discord/delivery/message-body.js';
import { restMessageSender } from '../../../src/discord/delivery/sender.js';
import { startDiscordServer, type LocalDiscord } from '../../support/discord/index.js';

let server: LocalDiscord;

beforeEach(async () => {
  server = await startDiscordServer();
});

afterEach(async () => {
  await server.close();
});

const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

describe('a message with a file', () => {
  it('is uploaded as a multipart request, the file described by its alt text', async () => {
    const channelId = server.guild().channels['daily-digest'] ?? '';
    const body = messageBodySchema.parse({
      content: 'The week in charts',
      embeds: [],
      files: [{ name: 'week-crimea.png', description: 'Bar chart of stories per day', contentType: 'image/png', dataBase64: PNG_BYTES.toString('base64') }],
      allowed_mentions: { parse: [] },
    });
    const sender = restMessageSender(new REST(server.restOptions).setToken(server.botToken));
    const { id } = await sender.createMessage(channelId, { ...body, nonce: 'n1', enforce_nonce: true });
    const posted = server.messages(channelId).find((message) => message.id === id)?.current;
    expect(posted?.content).toBe('The week in charts');
    expect(posted?.attachments).toEqual([
      expect.objectContaining({ filename: 'week-crimea.png', description: 'Bar chart of stories per day', content_type: 'image/png', size: PNG_BYTES.length }),
    ]);
    expect(server.violations).toEqual([]);
  });

  it('is refused by the message contract when it is not a named PNG', () => {
    const file = { name: '../etc/passwd', description: 'x', contentType: 'image/png', dataBase64: '' };
    expect(messageBodySchema.safeParse({ embeds: [], files: [file], allowed_mentions: { parse: [] } }).success).toBe(false);
  });
});
