import type { Digest } from '../../digest/index.js';
import { blindspotBlock, quoteBlock, storyBlock } from './digest-blocks.js';

const WHO_SAID_WHAT_TITLE = 'Who said what';
export const BLINDSPOTS_TITLE = 'Covered by one side only';

export interface DigestBlock {
  /** Blocks with the same key share an embed title (a topic section, or the quotes). */
  key: string;
  title: string;
  kind: 'story' | 'blindspot' | 'quote';
  text: string;
}

/** The digest's blocks in reading order: each section's stories, the stories one side alone covered, then the quotes. */
export function digestBlocks(digest: Digest): DigestBlock[] {
  const blocks: DigestBlock[] = digest.sections.flatMap((section) =>
    section.entries.map((entry) => ({
      key: `topic:${section.topic.id}`,
      title: section.topic.name,
      kind: 'story' as const,
      text: storyBlock(entry),
    })),
  );
  for (const blindspot of digest.blindspots) {
    blocks.push({ key: 'blindspots', title: BLINDSPOTS_TITLE, kind: 'blindspot', text: blindspotBlock(blindspot) });
  }
  for (const line of digest.whoSaidWhat) {
    blocks.push({ key: 'who-said-what', title: WHO_SAID_WHAT_TITLE, kind: 'quote', text: quoteBlock(line) });
  }
  return blocks;
}
