import { escapeAndFit, safeLink } from './discord-text.js';
import type { MessageBody } from '../delivery/message-body.js';

const NOTICE_COLOR = 0x99aab5;
const WARNING_COLOR = 0xe0a100;

/** Told once per hour window when a channel gets more alerts than flood control allows. */
export function renderFloodNotice(options: { maxAlertsPerHour: number; hasDigest: boolean }): MessageBody {
  const rest = options.hasDigest
    ? 'Further alerts are held back for the next hour and will be in this channel’s digest.'
    : 'Further alerts are held back for the next hour (this channel has no digest, so they will not be posted).';
  return notice(NOTICE_COLOR, 'Busy news hour', `This channel has had ${options.maxAlertsPerHour} alerts in the last hour. ${rest}`);
}

/** Told to a guild when wirewatch can no longer post in one of its channels and paused its subscriptions there. */
export function renderPausedNotice(options: { channelId: string; reason: string; pausedCount: number }): MessageBody {
  const subscriptions = options.pausedCount === 1 ? '1 subscription' : `${options.pausedCount} subscriptions`;
  return notice(
    WARNING_COLOR,
    'Alerts paused',
    `wirewatch paused ${subscriptions} for <#${options.channelId}>: ${escapeAndFit(options.reason, 300)}. ` +
      'Give wirewatch the View Channel, Send Messages and Embed Links permissions there, then resume the subscriptions.',
  );
}

/** Told to a guild's subscribed channels when a feed they rely on is disabled after repeated failures. */
export function renderFeedDisabledNotice(options: { outlet: string; url: string; reason: string }): MessageBody {
  const url = safeLink(options.url);
  return notice(
    WARNING_COLOR,
    'A news feed stopped working',
    `wirewatch stopped polling the ${escapeAndFit(options.outlet, 100)} feed${url ? ` (${url})` : ''} after repeated failures: ` +
      `${escapeAndFit(options.reason, 500)}. Its stories will be missing from alerts and digests until it is fixed and re-enabled.`,
  );
}

function notice(color: number, title: string, description: string): MessageBody {
  return { embeds: [{ title, description, color }], allowed_mentions: { parse: [] } };
}
