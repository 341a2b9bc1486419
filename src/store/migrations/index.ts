import type { Migration } from './migration.js';

/** Every schema change, in order. Never edit a shipped migration: add a new one. */
export const migrations: readonly Migration[] = [];
