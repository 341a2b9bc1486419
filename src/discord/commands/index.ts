import type { SlashCommand } from '../interactions.js';
import { digestCommand } from './digest.js';
import { feedsCommand } from './feeds.js';
import { quotesCommand } from './quotes.js';
import { subscribeCommand } from './subscribe.js';
import { subscriptionsCommand } from './subscriptions.js';
import { storyCommand } from './story.js';
import { summaryCommand } from './summary.js';
import { topicCommand } from './topic.js';
import { timelineCommand } from './timeline.js';
import { topicsCommand } from './topics.js';
import { unsubscribeCommand } from './unsubscribe.js';
import { whosaidCommand } from './whosaid.js';
import { whyCommand } from './why.js';

/** Every slash command wirewatch registers, in the order Discord lists them. */
export const slashCommands: readonly SlashCommand[] = [
  subscribeCommand,
  unsubscribeCommand,
  subscriptionsCommand,
  topicsCommand,
  topicCommand,
  timelineCommand,
  summaryCommand,
  storyCommand,
  quotesCommand,
  whosaidCommand,
  digestCommand,
  feedsCommand,
  whyCommand,
];
