import { describe, expect, it } from 'vitest';
import { postgresBackend } from '../../../src/store/postgres/backend.js';
import { PgQuoteSearch } from '../../../src/store/postgres/quote-search.js';
import { OPERATOR } from '../../../src/store/visibility.js';
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

  it('find a phrase of common words by its pairs: its newest holders first, never a quote with the words apart', async () => {
    const db = await openTestPostgres();
    const stores = postgresBackend(db).stores;
    const said: string[] = [];
    for (let day = 1; day <= 130; day += 1) {
      said.push(`On day ${day} we will not be there for the talks`);
      await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + day * HOUR }, [extracted(said.at(-1) as string)]);
    }
    // Newer quotes with every pair of the phrase, never the phrase itself.
    for (let day = 1; day <= 130; day += 1) await reportQuotes(stores, { outlet: 'BBC', at: AUG_18 + (200 + day) * HOUR }, [extracted(`On day ${day} we will not be silent but be there`)]);
    const sent: string[] = [];
    const all = db.all.bind(db);
    db.all = (sql, ...rest) => (sent.push(sql), all(sql, ...rest));
    const result = await new PgQuoteSearch(db).search('we will not be there', { viewer: OPERATOR });
    expect([result.best, ...result.alternatives].map((hit) => hit?.quote)).toEqual(said.slice(-5).reverse());
    expect(sent.some((sql) => sql.includes('FROM quote_pairs'))).toBe(true);
  });
});
