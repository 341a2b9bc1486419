import { describe, expect, it } from 'vitest';
import { StoryClusterer } from '../../../src/analysis/stories/clusterer.js';
import type { ClusterItem } from '../../../src/analysis/stories/features.js';

const at = (iso: string) => new Date(iso);

const wire: ClusterItem = {
  id: 'reuters-1',
  outlet: 'Reuters',
  publishedAt: at('2025-08-06T15:40:00Z'),
  title: 'Putin meets Trump envoy Witkoff in Kremlin as sanctions deadline looms',
  lede: 'MOSCOW, Aug 6 (Reuters) - Russian President Vladimir Putin met U.S. special envoy Steve Witkoff in the Kremlin on Wednesday, two days before a sanctions deadline.',
  people: ['vladimir-putin', 'steve-witkoff'],
};
const wireCopy: ClusterItem = {
  ...wire,
  id: 'yahoo-1',
  outlet: 'Yahoo News',
  publishedAt: at('2025-08-06T16:05:00Z'),
};
const otherMeeting: ClusterItem = {
  id: 'ki-2',
  outlet: 'Kyiv Independent',
  publishedAt: at('2025-08-06T21:10:00Z'),
  title: 'Sybiha meets Rubio in Washington, discusses air defense and sanctions on Russia',
  lede: 'Foreign Minister Andrii Sybiha met U.S. Secretary of State Marco Rubio in Washington on Aug. 6 to discuss air defense and sanctions.',
  people: ['andrii-sybiha', 'marco-rubio'],
};

describe('StoryClusterer', () => {
  it('puts a wire copy in the story of its original and starts a new story for another event', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.assign(wire);
    expect(first).toEqual({ storyId: 'story:reuters-1', isNew: true, similarity: 0 });
    const copy = clusterer.assign(wireCopy);
    expect(copy.storyId).toBe(first.storyId);
    expect(copy.isNew).toBe(false);
    expect(copy.similarity).toBeGreaterThan(0.9);
    const other = clusterer.assign(otherMeeting);
    expect(other.isNew).toBe(true);
    expect(other.similarity).toBeLessThan(0.2);
    expect(clusterer.storyCount).toBe(2);
  });

  it('treats re-assigning a known item as a no-op', () => {
    const clusterer = new StoryClusterer();
    const first = clusterer.assign(wire);
    expect(clusterer.assign(wire)).toEqual({ storyId: first.storyId, isNew: false, similarity: 1 });
    expect(clusterer.itemCount).toBe(1);
  });

  it('refuses an invalid publication date', () => {
    expect(() => new StoryClusterer().assign({ ...wire, publishedAt: new Date('not a date') })).toThrow(TypeError);
  });

  it('uses the injected story id', () => {
    const clusterer = new StoryClusterer({ newStoryId: (item) => `s-${item.outlet}` });
    expect(clusterer.assign(wire).storyId).toBe('s-Reuters');
  });

  it('evicts items older than the window so a later report starts a new story', () => {
    const clusterer = new StoryClusterer({ windowHours: 48 });
    clusterer.assign(wire);
    const threeDaysLater = { ...wireCopy, id: 'late', publishedAt: at('2025-08-09T16:00:00Z') };
    const late = clusterer.assign(threeDaysLater);
    expect(late.isNew).toBe(true);
    expect(clusterer.storyOf('reuters-1')).toBeUndefined();
    expect(clusterer.itemCount).toBe(1);
  });

  it('evicts on request and tolerates items that arrive out of order', () => {
    const clusterer = new StoryClusterer();
    clusterer.assign(otherMeeting);
    clusterer.assign(wire);
    expect(clusterer.evictBefore(at('2025-08-06T18:00:00Z'))).toBe(1);
    expect(clusterer.storyOf('reuters-1')).toBeUndefined();
    expect(clusterer.storyOf('ki-2')).toBe('story:ki-2');
  });

  it('rebuilds state from stored membership and then clusters as if it had run all along', () => {
    const original = new StoryClusterer();
    const first = original.assign(wire);
    const restored = new StoryClusterer();
    restored.restore(wire, first.storyId);
    expect(restored.storyOf('reuters-1')).toBe(first.storyId);
    expect(restored.assign(wireCopy).storyId).toBe(original.assign(wireCopy).storyId);
  });
});
