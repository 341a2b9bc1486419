import type { Migration } from '../../migrations/migration.js';

/**
 * /whosaid looks phrases up. The GIN index finds a phrase as the quotes holding all its words, then rereads each of
 * those rows to check the words' order: thousands of rows when the words are common, though the phrase may be rare.
 * This table, kept by a trigger as the quotes change, holds one row per (pair of adjacent words, quote), so the quotes
 * holding a phrase's pairs are read from its primary key alone, newest first, and only those rows are checked.
 * Example: "peace talks resumed" gives ('peace talks', 7) and ('talks resumed', 7) for quote 7. The pairs come from
 * the tsvector's positions, so they are exactly what a phrase query (`<->`) requires. A pair's rows can be many
 * ("ready to"), so the planner keeps statistics on more pairs than on an ordinary column.
 */
export const quotePairs: Migration = {
  version: 18,
  name: 'quote pairs',
  sql: `
    CREATE TABLE quote_pairs (
      pair text NOT NULL,
      quote_id bigint NOT NULL,
      PRIMARY KEY (pair, quote_id)
    );
    ALTER TABLE quote_pairs ALTER COLUMN pair SET STATISTICS 1000;
    CREATE FUNCTION quote_pairs_of(search tsvector) RETURNS SETOF text LANGUAGE sql IMMUTABLE AS $$
      SELECT DISTINCT first.lexeme || ' ' || second.lexeme
      FROM unnest(search) AS first, unnest(first.positions) AS position, unnest(search) AS second
      WHERE position + 1 = ANY (second.positions)
    $$;
    CREATE FUNCTION quote_pairs_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        DELETE FROM quote_pairs WHERE pair IN (SELECT quote_pairs_of(OLD.search)) AND quote_id = OLD.id;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO quote_pairs (pair, quote_id) SELECT pair, NEW.id FROM quote_pairs_of(NEW.search) AS pair;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER quote_pairs_sync AFTER INSERT OR DELETE OR UPDATE OF match_key ON quotes
      FOR EACH ROW EXECUTE FUNCTION quote_pairs_sync();
    INSERT INTO quote_pairs (pair, quote_id) SELECT pair, id FROM quotes, quote_pairs_of(search) AS pair;
  `,
};
