/**
 * A side through whose lens an outlet reports the war (config/perspectives.json): who owns or funds it and where it
 * works, not whether it is right. `tag` follows the emoji in compact coverage lines, for sides that share an emoji
 * ("🇷🇺 state 1 · 🇷🇺 independent 2").
 */
export interface Perspective {
  id: string;
  label: string;
  emoji: string;
  tag?: string;
}

/** Every outlet without a side of its own has this one; the perspectives list always holds it. */
export const DEFAULT_PERSPECTIVE = 'other';

/** "other" as used when perspectives.json does not exist. */
export const OTHER_PERSPECTIVE: Perspective = Object.freeze({ id: DEFAULT_PERSPECTIVE, label: 'Other outlets', emoji: '▫️', tag: 'other' });
