import type { Logger } from '../../logging.js';
import { redactedUrl, redactUrlsIn } from '../redact-url.js';
import type { RefreshOutcome } from './refresh-feed.js';

/** One log line per poll. Feed URLs may carry a guild's token: logs get them without credentials, query or fragment. */
export function logOutcome(logger: Logger, outcome: RefreshOutcome): void {
  const context = { feed_id: outcome.feed.id, feed_url: redactedUrl(outcome.feed.url) };
  if (outcome.kind === 'failed') logger.warn({ ...context, code: outcome.code, disabled: outcome.disabled }, redactUrlsIn(outcome.message));
  else if (outcome.kind === 'stored') logger.info({ ...context, new_items: outcome.newItemIds.length, initial_poll: outcome.initialPoll }, 'feed polled');
  else logger.debug(context, 'feed not modified');
}
