import type { ApplicationCommandOptionChoiceData } from 'discord.js';
import { subscriptionInputSchema } from '../../store/subscriptions.js';
import { foldText } from '../../text/words.js';
import type { BotContext } from '../context.js';
import { truncateText } from '../render/discord-text.js';

/** Discord's autocomplete limits. */
export const MAX_CHOICES = 25;
const MAX_CHOICE_LENGTH = 100;

/** Choices Discord accepts: at most 25, names cut to 100 characters, choices whose value is too long dropped. */
export function fitChoices(choices: readonly { name: string; value: string }[]): ApplicationCommandOptionChoiceData<string>[] {
  return choices
    .filter((choice) => choice.value.length > 0 && choice.value.length <= MAX_CHOICE_LENGTH)
    .slice(0, MAX_CHOICES)
    .map((choice) => ({ name: truncateText(choice.name.replace(/\s+/gu, ' ').trim(), MAX_CHOICE_LENGTH) || choice.value, value: choice.value }));
}

/** Candidates whose label contains what was typed (accents and case ignored); those starting with it first. */
export function filterByTyped<T>(candidates: readonly T[], typed: string, labels: (candidate: T) => string[]): T[] {
  const wanted = foldText(typed.trim());
  if (wanted === '') return [...candidates];
  const scored = candidates.flatMap((candidate) => {
    const folded = labels(candidate).map((label) => foldText(label));
    if (folded.some((label) => label.startsWith(wanted))) return [{ candidate, rank: 0 }];
    if (folded.some((label) => label.includes(wanted))) return [{ candidate, rank: 1 }];
    return [];
  });
  return scored.sort((a, b) => a.rank - b.rank).map((entry) => entry.candidate);
}

export async function topicChoices(context: BotContext, guildId: string | null, typed: string, origin?: 'guild') {
  const topics = guildId === null ? [] : (await context.topics.forGuild(guildId)).filter((topic) => origin === undefined || topic.origin === origin);
  const matching = filterByTyped(topics, typed, (topic) => [topic.ref, topic.definition.name]);
  return fitChoices(matching.map((topic) => ({ name: `${topic.definition.name} (${topic.ref})`, value: topic.ref })));
}

/** The perspectives whose id or label holds what is typed. */
export function perspectiveChoices(context: BotContext, typed: string) {
  const matching = filterByTyped(context.perspectives, typed, (perspective) => [perspective.id, perspective.label]);
  return fitChoices(matching.map((perspective) => ({ name: `${perspective.emoji} ${perspective.label}`, value: perspective.id })));
}

/** Stories the guild may see whose headline matches what is typed (the service searched; its order is kept for the rest). */
export async function storyChoices(context: BotContext, guildId: string, typed: string) {
  const stories = await context.backends.storyChoices(guildId, typed);
  const matching = filterByTyped(stories, typed, (story) => [story.title, story.id]);
  // The service already searched; keep its order for what the local filter does not recognise (e.g. other scripts).
  const ordered = [...matching, ...stories.filter((story) => !matching.includes(story))];
  return fitChoices(ordered.map((story) => ({ name: story.title || story.id, value: story.id })));
}

export function personChoices(context: BotContext, typed: string) {
  const matching = filterByTyped(context.people, typed, (person) => [person.name, person.id, ...person.aliases]);
  return fitChoices(matching.map((person) => ({ name: `${person.name} — ${person.role}`, value: person.id })));
}

let timeZones: string[] | null = null;

/** Current IANA names that the runtime lists only under their older names (Europe/Kiev, Asia/Calcutta …). */
const RENAMED_ZONES = ['Europe/Kyiv', 'Asia/Kolkata', 'Asia/Ho_Chi_Minh', 'Asia/Kathmandu', 'Asia/Yangon', 'Atlantic/Faroe', 'America/Nuuk', 'Pacific/Kanton'];

/** The IANA zones this runtime knows (UTC first), with the current names of renamed zones. */
export function knownTimeZones(): readonly string[] {
  if (timeZones) return timeZones;
  const listed = Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC');
  const renamed = RENAMED_ZONES.filter((zone) => !listed.includes(zone) && subscriptionInputSchema.shape.timezone.safeParse(zone).success);
  timeZones = ['UTC', ...renamed, ...listed];
  return timeZones;
}


/** IANA time zones matching what was typed; "UTC" and the most asked-for zones of the talks come first when nothing is typed. */
export function timeZoneChoices(typed: string) {
  const common = ['UTC', 'Europe/Kyiv', 'Europe/Moscow', 'Europe/London', 'Europe/Berlin', 'Europe/Paris', 'America/New_York', 'America/Los_Angeles'];
  const candidates = typed.trim() === '' ? common : filterByTyped(knownTimeZones(), typed.replace(/\s+/gu, '_'), (zone) => [zone, zone.split('/').at(-1) ?? zone]);
  return fitChoices(candidates.map((zone) => ({ name: zone.replaceAll('_', ' '), value: zone })));
}
