import { describe, expect, it } from 'vitest';
import { postgresBackend } from '../../../src/store/postgres/backend.js';
import type { PgDatabase } from '../../../src/store/postgres/connection.js';
import { newestSql, phrasePairs, phraseSql, probedSql, probeParams } from '../../../src/store/postgres/newest-matches.js';
import { PgQuoteSearch } from '../../../src/store/postgres/quote-search.js';
import { fts5ToTsquery } from '../../../src/store/postgres/ts-query.js';
import { guildViewer, OPERATOR, viewerParams, visibleSql, type Viewer } from '../../../src/store/visibility.js';
import { openTestPostgres } from '../../support/postgres.js';
import { extracted, person, reportQuotes } from '../../support/quotes-db.js';

// Small numbers, so 400 quotes take every way: lists of each word's 8 newest quotes, the 5 newest matches wanted.
const CAP = 8;
const LIMIT = 5;
const OWNER = '140000000000000001';
const OTHER = '140000000000000002';

/**
 * Quote i (1..400) holds "alpha" when i is even, "gamma" likewise (the two always together), "beta" when i is a
 * multiple of 3, "common" unless a multiple of 5, "omega" when a multiple of 97, "early" up to 60. Quote 398 comes
 * from a feed OWNER added: hidden from OTHER.
 */
async function seed(): Promise<PgDatabase> {
  const db = await openTestPostgres();
  const feed = await postgresBackend(db).stores.feeds.addForGuild(OWNER, { url: 'https://tips.example/rss', outlet: 'Tips', fullText: false, intervalSeconds: 300 }, 0);
  await db.run(
    `INSERT INTO quotes (id, direct, match_key, head_key, word_count, text, kind, speaker_type, confidence, first_reported_at, private_feed_id)
     SELECT i, 1, words, words, 3, words, 'full', 'unknown', 1, i, CASE WHEN i = 398 THEN $1::bigint END
     FROM generate_series(1, 400) AS i, LATERAL (SELECT concat_ws(' ', 'said', CASE WHEN i % 2 = 0 THEN 'alpha gamma' END, CASE WHEN i % 3 = 0 THEN 'beta' END,
       CASE WHEN i % 5 <> 0 THEN 'common' END, CASE WHEN i % 97 = 0 THEN 'omega' END, CASE WHEN i <= 60 THEN 'early' END) AS words) AS built`,
    [feed.id],
  );
  return db;
}

/** The newest matches of the words together as newestSql finds them, and which way it took. */
async function newest(db: PgDatabase, words: string[], viewer: Viewer, ofMatching = false) {
  const [row] = await db.all<{ ids: number[]; known: boolean | null; walked: number | null }>(
    `WITH probed AS MATERIALIZED (${probedSql(true, CAP, { limit: LIMIT })}), ${newestSql(true, CAP, LIMIT)}
     SELECT ARRAY(SELECT id::int FROM newest ORDER BY id DESC) AS ids, (SELECT known FROM estimate) AS known, (SELECT quotes FROM walk) AS walked`,
    { ...viewerParams(viewer), ...probeParams(words.map((word) => `"${word}"`)), ofMatching },
  );
  const way = row?.known ? 'lists' : (row?.walked ?? 0) > 0 ? 'walk' : 'index';
  return { ids: row?.ids ?? [], way };
}

/** The same, the plain way: every match checked, the newest first. */
async function expected(db: PgDatabase, words: string[], viewer: Viewer): Promise<number[]> {
  return db.column<number>(
    `SELECT id FROM quotes WHERE search @@ to_tsquery('simple', @query) AND ${visibleSql('private_feed_id')} ORDER BY id DESC LIMIT ${LIMIT}`,
    { ...viewerParams(viewer), query: fts5ToTsquery(words.map((word) => `"${word}"`).join(' AND ')) },
  );
}

describe('the newest quotes with all of a fragment\'s words (PostgreSQL, newest-matches.ts)', () => {
  it('are the same whichever way is cheapest: from the words\' lists, by walking the newest quotes, or from the GIN index', async () => {
    const db = await seed();
    const viewer = guildViewer(OWNER);
    const cases: [string[], string][] = [
      // Always together: the lists of their newest quotes already hold the newest matches.
      [['alpha', 'gamma'], 'lists'],
      // Rare: its list holds every quote it is in.
      [['omega'], 'lists'],
      // Many matches, but fewer than wanted where the lists overlap: 1 in 10 of the newest quotes, so a walk.
      [['alpha', 'beta', 'common'], 'walk'],
      // Few matches (quotes 194 and 388): from the index.
      [['alpha', 'omega'], 'index'],
      // Only among the oldest quotes: a walk would read them all, so from the index.
      [['early', 'beta'], 'index'],
    ];
    for (const [words, way] of cases) {
      const found = await newest(db, words, viewer);
      expect(found, words.join(' ')).toEqual({ ids: await expected(db, words, viewer), way });
      expect(found.ids.length, words.join(' ')).toBeGreaterThan(0);
    }
  });

  it('never return a quote the viewer may not see: with one hidden, the lists (which hold every quote) are not used', async () => {
    const db = await seed();
    expect((await newest(db, ['alpha', 'gamma'], guildViewer(OWNER))).ids).toContain(398);
    const other = await newest(db, ['alpha', 'gamma'], guildViewer(OTHER));
    expect(other).toEqual({ ids: await expected(db, ['alpha', 'gamma'], guildViewer(OTHER)), way: 'index' });
    expect(other.ids).not.toContain(398);
  });

  it('of all the words, none when one is in no quote; of the words that are in some, when asked for those', async () => {
    const db = await seed();
    const viewer = guildViewer(OWNER);
    expect((await newest(db, ['alpha', 'nowhere'], viewer)).ids).toEqual([]);
    expect((await newest(db, ['alpha', 'nowhere'], viewer, true)).ids).toEqual(await expected(db, ['alpha'], viewer));
  });

  it('read a misspelt word as meant in the statement that counts it, and the stored words again only once a quote is new', async () => {
    const db = await openTestPostgres();
    const stores = postgresBackend(db).stores;
    const said = ['Ukraine needs security guarantees before any ceasefire', 'The security council meets on Friday', 'Guarantees were discussed in Geneva'];
    for (const [index, quote] of said.entries()) await reportQuotes(stores, { outlet: 'AP', at: Date.UTC(2025, 7, 18, index) }, [extracted(quote, person('Andriy Yermak'))]);
    const sent: string[] = [];
    const all = db.all.bind(db);
    db.all = (sql, ...rest) => (sent.push(sql), all(sql, ...rest));
    const search = new PgQuoteSearch(db);
    const kinds = () => sent.splice(0).map((sql) => (sql.includes('WHERE id > $1') ? 'words' : sql.includes('WITH probed') ? 'count' : sql.includes('quote_sources') ? 'load' : 'other'));

    expect((await search.search('security gaurantees before a ceasefire', { viewer: OPERATOR })).best?.quote).toBe(said[0]);
    // The corrected words counted with the others, their matches found by the same statement: no look-up of its own.
    expect(kinds()).toEqual(['count', 'words', 'count', 'load']);
    expect((await search.search('securty council on Friday', { viewer: OPERATOR })).best?.quote).toBe(said[1]);
    expect(kinds()).toEqual(['count', 'count', 'load']);
    await reportQuotes(stores, { outlet: 'BBC', at: Date.UTC(2025, 7, 19) }, [extracted('Peace talks resume in Geneva next week', person('Marco Rubio'))]);
    sent.length = 0;
    expect((await search.search('talks resume in Genva', { viewer: OPERATOR })).best?.quote).toBe('Peace talks resume in Geneva next week');
    expect(kinds()).toEqual(['count', 'words', 'count', 'load']);
  });

  it('with a phrase: from its rarest pair\'s quotes when that pair is rare, else from those with its two rarest pairs, never a quote with the words apart', async () => {
    const db = await openTestPostgres();
    // 700 quotes with every pair of "we will not be there" (so none is rare), the phrase itself in every seventh; one
    // quote in three also says "be there soon" (a rare pair in every tenth of those).
    await db.run(
      `INSERT INTO quotes (id, direct, match_key, head_key, word_count, text, kind, speaker_type, confidence, first_reported_at)
       SELECT i, 1, words, words, 8, words, 'full', 'unknown', 1, i FROM generate_series(1, 700) AS i,
         LATERAL (SELECT CASE WHEN i % 7 = 0 THEN 'we will not be there' ELSE 'we will not be silent but be there' END
           || CASE WHEN i % 3 = 0 THEN ' be there soon' ELSE '' END || CASE WHEN i % 30 = 0 THEN ' rarely seen' ELSE '' END AS words) AS built`,
    );
    const newestWith = async (phrase: string) => {
      const pairs = phrasePairs(`"${phrase}"`) ?? [];
      const found = await db.all<{ id: number }>(phraseSql(false, LIMIT), { ...viewerParams(OPERATOR), pairs, query: fts5ToTsquery(`"${phrase}"`) });
      const plain = await db.column<number>(`SELECT id FROM quotes WHERE search @@ to_tsquery('simple', @query) ORDER BY id DESC LIMIT ${LIMIT}`, { query: fts5ToTsquery(`"${phrase}"`) });
      expect(found.map((row) => row.id), phrase).toEqual(plain);
      return plain;
    };
    expect(await newestWith('we will not be there')).toEqual([700, 693, 686, 679, 672]);
    expect(await newestWith('there soon rarely seen')).toEqual([690, 660, 630, 600, 570]);
    expect(await newestWith('not be there')).toEqual([700, 693, 686, 679, 672]);
    expect(await newestWith('not be here')).toEqual([]);
  });
});

