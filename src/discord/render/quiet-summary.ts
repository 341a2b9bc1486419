import { EMBED_LIMITS, type MessageBody } from '../delivery/message-body.js';
import { escapeAndFitLine, linkedLabel } from './discord-text.js';

const QUIET_COLOR = 0x5865f2;
/** Leaves room in the description for the line that counts what did not fit. */
const ROOM_FOR_MORE = 40;

export interface QuietSummaryEntry {
  headline: string;
  link: string | null;
  outlet: string;
}

/**
 * The one message that ends a channel's quiet hours: every alert held in them, oldest first, as "headline — outlet"
 * lines (as many as fit; the rest counted). Feed text is escaped and pings nobody.
 */
export function renderQuietSummary(entries: readonly QuietSummaryEntry[], window: string | null): MessageBody {
  const lines: string[] = [];
  let length = 0;
  for (const entry of entries) {
    const line = `• ${linkedLabel(entry.headline, entry.link, 200)} — ${escapeAndFitLine(entry.outlet, 80)}`;
    if (length + line.length + 1 > EMBED_LIMITS.description - ROOM_FOR_MORE) break;
    lines.push(line);
    length += line.length + 1;
  }
  const rest = entries.length - lines.length;
  if (rest > 0) lines.push(`… and ${rest} more`);
  const count = entries.length === 1 ? '1 alert' : `${entries.length} alerts`;
  const title = `While it was quiet${window ? ` (${window})` : ''}: ${count}`;
  return { embeds: [{ title, description: lines.join('\n'), color: QUIET_COLOR }], allowed_mentions: { parse: [] } };
}
