import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

export interface UploadedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
  data: Buffer;
}

export interface RestRequest {
  method: string;
  /** Decoded path below /api/v10, e.g. "/webhooks/1/tok/messages/@original". */
  path: string;
  /** The matched route template, e.g. "PATCH /webhooks/:applicationId/:token/messages/:messageId". */
  route: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: unknown;
  files: UploadedFile[];
}

export interface RestReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RestHandler = (request: RestRequest) => RestReply | Promise<RestReply>;

export interface RouteDefinition {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path template below /api/v10 with ":name" parameters. */
  path: string;
  /** Interaction callbacks and webhook-token routes are called without the bot token, as on Discord. */
  auth: 'bot' | 'none';
  handle: RestHandler;
}

export interface MatchedRoute {
  definition: RouteDefinition;
  params: Record<string, string>;
}

/** "POST /channels/:id/messages" and "POST /channels/:channelId/messages" name the same route. */
export function routeKey(route: string): string {
  const [method = '', path = ''] = route.trim().split(/\s+/, 2);
  return `${method.toUpperCase()} ${path.replace(/:[^/]+/g, ':')}`;
}

export class Router {
  constructor(private readonly routes: readonly RouteDefinition[]) {}

  match(method: string, segments: readonly string[]): MatchedRoute | null {
    for (const definition of this.routes) {
      if (definition.method !== method) continue;
      const params = matchTemplate(definition.path, segments);
      if (params) return { definition, params };
    }
    return null;
  }
}

function matchTemplate(template: string, segments: readonly string[]): Record<string, string> | null {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of parts.entries()) {
    const segment = segments[index] ?? '';
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

/** discord.js percent-encodes every path segment ("@original" arrives as "%40original"). */
export function decodeSegments(path: string): string[] | null {
  try {
    return path.split('/').filter(Boolean).map((segment) => decodeURIComponent(segment));
  } catch {
    return null;
  }
}

export type ParsedBody =
  | { ok: true; body: unknown; files: UploadedFile[] }
  | { ok: false; reason: string };

export async function readBody(request: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { ok: true, body: undefined, files: [] };
  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('multipart/form-data')) return readMultipart(raw, contentType);
  try {
    return { ok: true, body: JSON.parse(raw.toString('utf8')) as unknown, files: [] };
  } catch {
    return { ok: false, reason: 'The request body contains invalid JSON.' };
  }
}

async function readMultipart(raw: Buffer, contentType: string): Promise<ParsedBody> {
  const form = await new Request('http://127.0.0.1/', { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  let body: unknown;
  const files: UploadedFile[] = [];
  for (const [field, value] of form.entries()) {
    if (typeof value === 'string') {
      if (field !== 'payload_json') continue;
      try {
        body = JSON.parse(value) as unknown;
      } catch {
        return { ok: false, reason: 'The payload_json field contains invalid JSON.' };
      }
    } else {
      files.push({ field, name: value.name, contentType: value.type, size: value.size, data: Buffer.from(await value.arrayBuffer()) });
    }
  }
  return { ok: true, body, files };
}

export function sendJson(response: ServerResponse, reply: RestReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined) {
    response.writeHead(reply.status, headers);
    response.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  headers['content-type'] = 'application/json';
  headers['content-length'] = String(Buffer.byteLength(payload));
  response.writeHead(reply.status, headers);
  response.end(payload);
}
