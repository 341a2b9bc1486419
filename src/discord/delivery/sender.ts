import { Routes, type REST } from 'discord.js';
import type { MessageBody } from './message-body.js';

/** A new message carries the outbox row's nonce; enforce_nonce makes Discord return the earlier message on a repeat. */
export type CreateMessageBody = MessageBody & { nonce: string; enforce_nonce: true };

/** The two Discord calls delivery needs. Errors are thrown as discord.js throws them (see classifyDeliveryError). */
export interface MessageSender {
  createMessage(channelId: string, body: CreateMessageBody): Promise<{ id: string }>;
  editMessage(channelId: string, messageId: string, body: MessageBody): Promise<{ id: string }>;
}

/** The production sender: discord.js's REST client, which queues per rate-limit bucket and retries 429s itself. */
export function restMessageSender(rest: Pick<REST, 'post' | 'patch'>): MessageSender {
  return {
    async createMessage(channelId, body) {
      return messageId(await rest.post(Routes.channelMessages(channelId), requestOf(body)));
    },
    async editMessage(channelId, id, body) {
      return messageId(await rest.patch(Routes.channelMessage(channelId, id), requestOf(body)));
    },
  };
}

/** The JSON body, or with files a multipart request: each file uploaded and described in `attachments`. */
function requestOf<Body extends MessageBody>({ files, ...body }: Body) {
  if (!files || files.length === 0) return { body };
  return {
    body: { ...body, attachments: files.map((file, index) => ({ id: index, filename: file.name, description: file.description })) },
    files: files.map((file) => ({ name: file.name, contentType: file.contentType, data: Buffer.from(file.dataBase64, 'base64') })),
  };
}

function messageId(response: unknown): { id: string } {
  const id = typeof response === 'object' && response !== null ? (response as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') throw new Error('Discord answered a message request without a message id');
  return { id };
}
