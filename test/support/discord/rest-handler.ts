import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Backend } from './backend.js';
import { discordErrors } from './errors.js';
import type { FaultPlan } from './faults.js';
import { decodeSegments, readBody, sendJson } from './http.js';
import type { RestReply, Router } from './http.js';

const API_PREFIX = '/api/v10';

/** Serves one REST request: routing, the bot token, injected failures, body parsing, logging. */
export function createRestHandler(backend: Backend, router: Router, faults: FaultPlan) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const method = request.method ?? 'GET';
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const answer = (route: string | null, reply: RestReply) => {
      backend.requests.push({ method, path: url.pathname, route, status: reply.status, at: backend.now() });
      sendJson(response, reply);
      backend.changed();
    };
    const segments = url.pathname.startsWith(`${API_PREFIX}/`) ? decodeSegments(url.pathname.slice(API_PREFIX.length)) : null;
    const matched = segments ? router.match(method, segments) : null;
    const where = `${method} ${segments ? `/${segments.join('/')}` : url.pathname}`;
    if (!segments || !matched) {
      const hint = 'the local Discord server has no such route; add it under test/support/discord if the bot needs it';
      return answer(null, backend.reject('unknown-route', where, discordErrors.notFound(), hint));
    }
    const route = `${method} ${matched.definition.path}`;
    if (matched.definition.auth === 'bot' && request.headers.authorization !== `Bot ${backend.token}`) {
      return answer(route, backend.reject('unauthorized', where, discordErrors.unauthorized()));
    }
    const injected = faults.take(route, backend.now());
    if (injected && !injected.afterHandling) {
      request.resume();
      return answer(route, injected.reply);
    }
    const body = await readBody(request);
    if (!body.ok) return answer(route, backend.reject('invalid-form-body', where, { status: 400, body: { code: 50109, message: body.reason } }));
    const reply = await matched.definition.handle({
      method,
      path: `/${segments.join('/')}`,
      route,
      params: matched.params,
      query: url.searchParams,
      headers: request.headers,
      body: body.body,
      files: body.files,
    });
    answer(route, injected?.reply ?? reply);
  };
}
