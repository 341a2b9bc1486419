import type { Migration } from './migration.js';

/**
 * Quotations: one `quotes` row per statement (merged across outlets, carrying the best attribution seen), one
 * `quote_sources` row per item that reported it (with that outlet's own wording, offsets and attribution), and an
 * FTS5 index over the quote text for /whosaid.
 */
export const quotesMigration: Migration = {
  version: 3,
  name: 'quotes',
  sql: `
    CREATE TABLE quotes (
      id INTEGER PRIMARY KEY,
      direct INTEGER NOT NULL CHECK (direct IN (0, 1)),
      match_key TEXT NOT NULL,
      head_key TEXT NOT NULL,
      word_count INTEGER NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('full', 'partial', 'indirect')),
      speaker TEXT,
      speaker_id TEXT,
      speaker_type TEXT NOT NULL CHECK (speaker_type IN ('person', 'nominal', 'organization', 'unknown')),
      speaker_label TEXT,
      cue TEXT,
      to_whom TEXT,
      confidence REAL NOT NULL,
      first_reported_at INTEGER NOT NULL
    );
    CREATE INDEX quotes_by_key ON quotes (match_key, direct);
    CREATE INDEX quotes_by_head ON quotes (head_key, direct);
    CREATE INDEX quotes_by_speaker ON quotes (speaker_id, first_reported_at);
    CREATE INDEX quotes_by_first_report ON quotes (first_reported_at);

    CREATE TABLE quote_sources (
      quote_id INTEGER NOT NULL REFERENCES quotes (id) ON DELETE CASCADE,
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      reported_at INTEGER NOT NULL,
      start_offset INTEGER NOT NULL,
      end_offset INTEGER NOT NULL,
      text TEXT NOT NULL,
      kind TEXT NOT NULL,
      speaker TEXT,
      speaker_id TEXT,
      speaker_type TEXT NOT NULL,
      speaker_label TEXT,
      cue TEXT,
      to_whom TEXT,
      confidence REAL NOT NULL,
      PRIMARY KEY (quote_id, item_id)
    ) WITHOUT ROWID;
    CREATE INDEX quote_sources_by_item ON quote_sources (item_id);

    -- When a source goes (its feed was removed), the quote's first report moves on; without sources the quote goes.
    CREATE TRIGGER quote_sources_removed AFTER DELETE ON quote_sources BEGIN
      UPDATE quotes SET first_reported_at = (SELECT MIN(reported_at) FROM quote_sources WHERE quote_id = old.quote_id)
      WHERE id = old.quote_id AND EXISTS (SELECT 1 FROM quote_sources WHERE quote_id = old.quote_id);
      DELETE FROM quotes WHERE id = old.quote_id AND NOT EXISTS (SELECT 1 FROM quote_sources WHERE quote_id = old.quote_id);
    END;

    CREATE VIRTUAL TABLE quotes_fts USING fts5 (
      text,
      content = 'quotes',
      content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2',
      prefix = '4'
    );
    CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
      INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
    END;
    CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
      INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
    END;
    CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
      INSERT INTO quotes_fts (quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
      INSERT INTO quotes_fts (rowid, text) VALUES (new.id, new.text);
    END;
  `,
};
