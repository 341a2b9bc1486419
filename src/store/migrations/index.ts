import { feedsAndItems } from './001-feeds-and-items.js';
import type { Migration } from './migration.js';

/** Every schema change, in order. Never edit a shipped migration: add a new one. */
export const migrations: readonly Migration[] = [feedsAndItems];
