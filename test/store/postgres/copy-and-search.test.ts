import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/database.js';
import { copySqliteToPostgres } from '../../../src/store/postgres/copy-from-sqlite.js';
import { postgresBackend } from '../../../src/store/postgres/backend.js';
import { PgQuoteSearch } from '../../../src/store/postgres/quote-search.js';
import { searchQuotes, type WhoSaidResult } from '../../../src/store/quote-search.js';
import { sqliteBackend } from '../../../src/store/sqlite-backend.js';
import { guildViewer, OPERATOR } from '../../../src/store/visibility.js';
import { openTestPostgres } from '../../support/postgres.js';
import { extracted, person } from '../../support/quotes-db.js';
import { sampleFragmentsWithSources, seedSyntheticQuotes } from '../../support/synthetic-quotes.js';

const GUILD = '140000000000000001';

/** What a search answered, in a form two backends can be compared on. */
function answer(result: WhoSaidResult) {
  const hit = (quote: WhoSaidResult['best']) => quote && { id: quote.id, score: Number(quote.score.toFixed(6)), matchedBy: quote.matchedBy, outlet: quote.firstSource.outlet };
  return { best: hit(result.best), alternatives: result.alternatives.map(hit) };
}

describe('copying a SQLite database into PostgreSQL, then /whosaid on both', () => {
  it('copies every table with its row count, and searches give the same answers on both', async () => {
    const sqlite = openDatabase(':memory:');
    const { statements } = seedSyntheticQuotes(sqlite, 1_500);
    const stores = sqliteBackend(sqlite).stores;
    const tip = await stores.feeds.addForGuild(GUILD, { url: 'https://tips.example/rss', outlet: 'Tips', fullText: false, intervalSeconds: 300 }, 0);
    const [privateItem = 0] = await stores.items.insertNew(tip.id, [{ identity: 't', guid: null, link: null, title: 'tip', author: null, summary: '', content: '', published: null }], 5, false);
    await stores.quotes.saveForItem(privateItem, 5, [extracted('The private channel says the ceasefire line will hold through winter', person('Andriy Yermak'))]);
    await stores.itemTopics.save(privateItem, [{ topicId: 'ceasefire', score: 1, explain: { why: ['ceasefire'] } }]);
    const outbox = await stores.outbox.enqueue({ guildId: GUILD, channelId: '150000000000000001', kind: 'notice', payload: { content: 'hello', embeds: [] } }, 9);

    const postgres = await openTestPostgres();
    const copied = await copySqliteToPostgres(sqlite, postgres);
    const counts = Object.fromEntries(copied.map(({ table, rows }) => [table, rows]));
    expect(counts).toMatchObject({ feeds: 13, feed_guilds: 1, quotes: 1_501, item_topics: 1, outbox: 1 });
    for (const { table, rows } of copied) expect(rows, table).toBe(sqlite.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get());
    expect(copied.findIndex((entry) => entry.table === 'feeds')).toBeLessThan(copied.findIndex((entry) => entry.table === 'items'));

    const pgStores = postgresBackend(postgres).stores;
    expect(await pgStores.outbox.byId(outbox.id)).toEqual(await stores.outbox.byId(outbox.id));
    expect(await pgStores.itemTopics.topicsOf(privateItem)).toEqual(await stores.itemTopics.topicsOf(privateItem));
    expect(await pgStores.feeds.visibleTo(GUILD)).toEqual(await stores.feeds.visibleTo(GUILD));
    // New rows continue after the copied ids.
    const next = await pgStores.outbox.enqueue({ guildId: GUILD, channelId: '150000000000000001', kind: 'notice', payload: {} }, 10);
    expect(next.id).toBe(outbox.id + 1);

    const search = new PgQuoteSearch(postgres);
    const fragments = sampleFragmentsWithSources(statements, 120).map((sample) => sample.fragment);
    // Function words only: looked up as phrases, by their word pairs (quote_pairs), common ones and one in no quote.
    fragments.push('private channel says the ceasefire line', 'security gaurantees', 'is ready to', 'will continue to', 'to the is', 'the the the', '');
    const sent: string[] = [];
    const all = postgres.all.bind(postgres);
    postgres.all = (sql, ...rest) => (sent.push(sql), all(sql, ...rest));
    // Where many quotes match a broad query, the few rescored are the index's best (bm25 on SQLite, ts_rank_cd on
    // PostgreSQL): among quotes that score the same, the two may then offer a different one. Never a worse one.
    let same = 0;
    let total = 0;
    for (const viewer of [OPERATOR, guildViewer(GUILD), guildViewer('140000000000000002')]) {
      for (const fragment of fragments) {
        const onPostgres = answer(await search.search(fragment, { viewer }));
        const onSqlite = answer(searchQuotes(sqlite, fragment, { viewer }));
        expect(onPostgres.best?.score, fragment).toBe(onSqlite.best?.score);
        total += 1;
        if (JSON.stringify(onPostgres) === JSON.stringify(onSqlite)) same += 1;
      }
    }
    expect(same / total).toBeGreaterThanOrEqual(0.97);
    expect(sent.filter((sql) => sql.includes('FROM quote_pairs')).length).toBeGreaterThan(0);
  });

  it('refuses a PostgreSQL database that already holds data, keeping it as it was', async () => {
    const sqlite = openDatabase(':memory:');
    await sqliteBackend(sqlite).stores.feeds.register({ url: 'https://a.example/rss', outlet: 'A', fullText: false, intervalSeconds: 60, origin: 'config' }, 0);
    const postgres = await openTestPostgres();
    await postgresBackend(postgres).stores.feeds.register({ url: 'https://b.example/rss', outlet: 'B', fullText: false, intervalSeconds: 60, origin: 'config' }, 0);
    await expect(copySqliteToPostgres(sqlite, postgres)).rejects.toThrow(/feeds table is not empty: copy into a new, empty database/);
    expect(await postgres.column('SELECT outlet FROM feeds')).toEqual(['B']);
  });
});
