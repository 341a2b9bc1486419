import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../src/config/env.js';
import { ConfigError } from '../../src/config/load-json.js';

describe('WIREWATCH_DATABASE_URL', () => {
  it('selects PostgreSQL when set, SQLite at WIREWATCH_DB when not', () => {
    expect(parseEnv({ WIREWATCH_DATABASE_URL: 'postgres://bot:pw@db.example:5432/wirewatch' }).WIREWATCH_DATABASE_URL).toBe('postgres://bot:pw@db.example:5432/wirewatch');
    expect(parseEnv({ WIREWATCH_DATABASE_URL: 'postgresql://db.example/wirewatch' }).WIREWATCH_DATABASE_URL).toBe('postgresql://db.example/wirewatch');
    const unset = parseEnv({ WIREWATCH_DATABASE_URL: '' });
    expect(unset.WIREWATCH_DATABASE_URL).toBeUndefined();
    expect(unset.WIREWATCH_DB).toBe('./data/wirewatch.db');
  });

  it('refuses another kind of URL with the format to use, never repeating the password', () => {
    for (const url of ['mysql://bot:s3cret-pw@db.example/wirewatch', 'postgres://bot:s3cret-pw@db.example', 'db.example:5432']) {
      let error: unknown;
      try {
        parseEnv({ WIREWATCH_DATABASE_URL: url });
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain('WIREWATCH_DATABASE_URL: give a PostgreSQL URL such as postgres://user:password@host:5432/database');
      expect((error as Error).message).not.toContain('s3cret');
    }
  });
});
