import { describe, expect, it } from 'vitest';
import { postgresBackend } from '../../../src/store/postgres/backend.js';
import { openTestPostgres } from '../../support/postgres.js';
import { extracted, person, reportQuotes } from '../../support/quotes-db.js';

const HOUR = 3_600_000;
const AUG_18 = Date.UTC(2025, 7, 18, 9);

describe('quote_words and quote_pairs (PostgreSQL): the words /whosaid counts and the pairs it reads phrases by, kept as the quotes change', () => {
  it('hold exactly the indexed words and adjacent word pairs of every stored quote after inserts, rewordings, merges and deletions', async () => {
    const db = await openTestPostgres();
    const stores = postgresBackend(db).stores;
    const zelensky = person('Volodymyr Zelensky');
    // A trimmed copy first, then the full wording (the stored quote is reworded), then a copy containing both.
    await reportQuotes(stores, { outlet: 'CNN', at: AUG_18 }, [extracted('we will never recognise the occupation of Crimea', zelensky)]);
    await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 + HOUR }, [extracted('Let me be clear: we will never recognise the occupation of Crimea, never', zelensky)]);
    const later = await reportQuotes(stores, { outlet: 'NPR', at: AUG_18 + 2 * HOUR }, [extracted('The talks in Geneva were useful and honest', person('Marco Rubio'))]);
    const consistent = async () => {
      const expected = await db.column<string>(`SELECT word || ' ' || id FROM quotes, unnest(tsvector_to_array(search)) AS word ORDER BY 1`);
      const held = await db.column<string>(`SELECT word || ' ' || quote_id FROM quote_words ORDER BY 1`);
      expect(held).toEqual(expected);
      // Adjacent as the index holds them: the lexemes at positions p and p + 1.
      const pairs = await db.column<string>(
        `SELECT DISTINCT first.lexeme || ' ' || second.lexeme || ' ' || id FROM quotes, unnest(search) AS first, unnest(search) AS second
         WHERE EXISTS (SELECT 1 FROM unnest(first.positions) AS at WHERE at + 1 = ANY (second.positions)) ORDER BY 1`,
      );
      expect(await db.column<string>(`SELECT pair || ' ' || quote_id FROM quote_pairs ORDER BY 1`)).toEqual(pairs);
      return held.length;
    };
    expect(await consistent()).toBeGreaterThan(10);
    expect(await db.value('SELECT COUNT(*) FROM quote_pairs WHERE pair = $1', ['occupation of'])).toBe(1);
    // The item saved again without its quote: the quote goes with its only source.
    await stores.quotes.saveForItem(later, AUG_18 + 2 * HOUR, []);
    expect(await db.value('SELECT COUNT(*) FROM quote_words WHERE word = $1', ['geneva'])).toBe(0);
    expect(await db.value('SELECT COUNT(*) FROM quote_pairs WHERE pair = $1', ['in geneva'])).toBe(0);
    await consistent();
  });
});
