import { feedsAndItems } from './001-feeds-and-items.js';
import { itemTopics } from './002-item-topics.js';
import type { Migration } from './migration.js';

/** Every schema change, in order. Never edit a shipped migration: add a new one. */
export const migrations: readonly Migration[] = [feedsAndItems, itemTopics];
