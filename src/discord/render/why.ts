import type { SubscriptionVerdict, WhyAnswer } from '../../pipeline/why.js';
import { EMBED_LIMITS, type MessageEmbed } from '../delivery/message-body.js';
import type { WhyReport } from '../why-backend.js';
import { fitLines, INFO_COLOR } from '../commands/replies.js';
import { escapeAndFitLine, safeLink } from './discord-text.js';

const DELIVERY_WORDS = { queued: 'queued', sent: 'sent', retrying: 'failed, retrying', failed: 'failed', paused: 'paused', held: 'held, not posted' } as const;

/**
 * The `/why` answer: which of the server's topics the article matched and nearly matched (score against threshold and
 * the words that counted), then each subscription, got it or not and why, with the state of its message.
 */
export function renderWhy(report: WhyReport): MessageEmbed {
  const { answer } = report;
  const url = safeLink(report.item.link);
  const intro = [`From ${escapeAndFitLine(report.item.outlet, 100)}${report.storyTitle ? ` · story “${escapeAndFitLine(report.storyTitle, 200)}” (its first report; subscriptions show what any of its reports brought them)` : ''}`];
  const subscriptions = answer.subscriptions.length > 0 ? answer.subscriptions.map(subscriptionLine) : ['This server has no subscriptions.'];
  return {
    title: escapeAndFitLine(`Why: ${report.item.title}`, EMBED_LIMITS.title),
    ...(url ? { url } : {}),
    description: fitLines([...intro, '', '**Subscriptions**', ...subscriptions], EMBED_LIMITS.description),
    color: INFO_COLOR,
    fields: [
      { name: 'Matched', value: topicLines(answer.matched, 'No topic of this server matched it.') },
      { name: 'Nearly matched', value: topicLines(answer.nearlyMatched, 'None came close.') },
    ],
  };
}

function topicLines(topics: WhyAnswer['matched'], none: string): string {
  if (topics.length === 0) return none;
  return fitLines(topics.map(({ topic, line }) => `**${escapeAndFitLine(topic.topicName, 100)}**: ${escapeAndFitLine(line, 400)}`), EMBED_LIMITS.fieldValue);
}

function subscriptionLine(verdict: SubscriptionVerdict): string {
  const { subscription } = verdict;
  const what = `${subscription.kind === 'topic' ? 'Topic' : 'Person'}: ${escapeAndFitLine(subscription.targetName, 100)}`;
  const delivery = verdict.delivery ? ` · message: ${DELIVERY_WORDS[verdict.delivery]}` : '';
  return `${verdict.got ? '✅' : '➖'} <#${subscription.channelId}> · ${what}: ${escapeAndFitLine(verdict.reason, 400)}${delivery}`;
}
