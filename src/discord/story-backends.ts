import { summarizeTopic } from '../analysis/summary/index.js';
import { renderDigestMessages } from './render/digest.js';
import { composeDigest, type DigestComposerDependencies } from '../services/digests.js';
import type { StoryStore } from '../store/stories.js';
import { guildViewer } from '../store/visibility.js';
import type { CommandBackends } from './context.js';

const HOUR = 3_600_000;
const STORY_CHOICES = 25;

/** The slash-command backends built on stored stories: /summary topic|story, /story sides, /digest now and story autocomplete. */
export function storyBackends(
  deps: DigestComposerDependencies & { stories: StoryStore; now: () => number },
): Pick<CommandBackends, 'summarizeTopic' | 'summarizeStory' | 'storySides' | 'digestPreview' | 'storyChoices'> {
  return {
    summarizeTopic: async (guildId, topicId, sinceMs) => {
      const now = deps.now();
      const stories = await deps.storyReader.storiesForTopics([topicId], sinceMs, now, guildViewer(guildId));
      return summarizeTopic(stories, { now: new Date(now), windowHours: Math.max(1, (now - sinceMs) / HOUR) });
    },
    summarizeStory: async (guildId, storyId) => deps.storyReader.story(storyId, guildViewer(guildId)),
    storySides: async (guildId, storyId) => deps.storyReader.sides(storyId, guildViewer(guildId)),
    digestPreview: async ({ guildId, topicIds, since }) =>
      renderDigestMessages(await composeDigest(deps, { viewer: guildViewer(guildId), channelId: null, topicIds, since, until: deps.now(), quietNote: true })),
    storyChoices: async (guildId, query) =>
      (await deps.stories.search(query.trim(), STORY_CHOICES, guildViewer(guildId))).map((story) => ({ id: story.id, title: story.title })),
  };
}
