import { ConfigError } from '../../src/config/load-json.js';

/** The problems of the ConfigError the action throws; fails the test when it throws none. */
export function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}
