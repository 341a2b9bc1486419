import { summarizeTopic } from '../analysis/summary/index.js';
import { renderDigestMessages } from './render/digest.js';
import { composeDigest, type DigestComposerDependencies } from '../services/digests.js';
import type { StoryStore } from '../store/stories.js';
import type { BotServices } from './context.js';

const HOUR = 3_600_000;
const STORY_CHOICES = 25;

/** The slash-command services built on stored stories: /summary topic|story, /digest now and story autocomplete. */
export function storyServices(
  deps: DigestComposerDependencies & { stories: StoryStore; now: () => number },
): Pick<BotServices, 'summarizeTopic' | 'summarizeStory' | 'digestPreview' | 'storyChoices'> {
  return {
    summarizeTopic: async (topicId, sinceMs) => {
      const now = deps.now();
      const stories = deps.storyReader.storiesForTopics([topicId], sinceMs, now);
      return summarizeTopic(stories, { now: new Date(now), windowHours: Math.max(1, (now - sinceMs) / HOUR) });
    },
    summarizeStory: async (storyId) => deps.storyReader.story(storyId),
    digestPreview: async ({ topicIds, since }) =>
      renderDigestMessages(composeDigest(deps, { channelId: null, topicIds, since, until: deps.now(), quietNote: true })),
    storyChoices: async (query) => deps.stories.search(query.trim(), STORY_CHOICES).map((story) => ({ id: story.id, title: story.title })),
  };
}
