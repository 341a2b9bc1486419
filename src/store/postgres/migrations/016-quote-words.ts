import type { Migration } from '../../migrations/migration.js';

/**
 * /whosaid plans a search on how many quotes hold each of the fragment's words (up to a few hundred). The GIN index
 * answers that only by building the word's whole list and then visiting a row per match; this table, kept by a
 * trigger as the quotes change, holds one row per (word, quote), so a count is a short walk of its primary key,
 * read from the index alone. Example: "peace talks resumed" gives ('peace', 7), ('talks', 7), ('resumed', 7) for quote 7.
 */
export const quoteWords: Migration = {
  version: 16,
  name: 'quote words',
  sql: `
    CREATE TABLE quote_words (
      word text NOT NULL,
      quote_id bigint NOT NULL,
      PRIMARY KEY (word, quote_id)
    );
    CREATE FUNCTION quote_words_sync() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP <> 'INSERT' THEN
        DELETE FROM quote_words WHERE word = ANY (tsvector_to_array(OLD.search)) AND quote_id = OLD.id;
      END IF;
      IF TG_OP <> 'DELETE' THEN
        INSERT INTO quote_words (word, quote_id) SELECT word, NEW.id FROM unnest(tsvector_to_array(NEW.search)) AS word;
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER quote_words_sync AFTER INSERT OR DELETE OR UPDATE OF match_key ON quotes
      FOR EACH ROW EXECUTE FUNCTION quote_words_sync();
    INSERT INTO quote_words (word, quote_id) SELECT word, id FROM quotes, unnest(tsvector_to_array(search)) AS word;
  `,
};
