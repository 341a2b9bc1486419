/**
 * Who is reading. A guild sees what configured (public) feeds carried and what the feeds it added carried; the
 * operator (the command line, the headless terminal) sees everything. Every read that returns feed-derived data
 * for a guild takes a viewer and filters in SQL with the fragments below, which use the named parameters
 * `@viewerGuild` and `@viewerAll` (from `viewerParams`).
 */
export type Viewer = { readonly guildId: string } | { readonly operator: true };

export const OPERATOR: Viewer = { operator: true };

export function guildViewer(guildId: string): Viewer {
  return { guildId };
}

export function viewerParams(viewer: Viewer): { viewerGuild: string | null; viewerAll: 0 | 1 } {
  return 'guildId' in viewer ? { viewerGuild: viewer.guildId, viewerAll: 0 } : { viewerGuild: null, viewerAll: 1 };
}

/** The private feed a `feeds` row stands for: its id when a guild added it, NULL when it is configured (public). */
export function privateFeedIdSql(feeds: string): string {
  return `(CASE WHEN ${feeds}.origin = 'guild' THEN ${feeds}.id END)`;
}

/** Whether the viewer may see data whose private feed id is `privateFeedId` (NULL: public). */
export function visibleSql(privateFeedId: string): string {
  return `(@viewerAll = 1 OR ${privateFeedId} IS NULL OR ${privateFeedId} IN (SELECT feed_id FROM feed_guilds WHERE guild_id = @viewerGuild))`;
}

/** The outlet name the viewer knows a feed by: for a feed a guild added, that guild's own name for it. */
export function outletSql(feeds: string): string {
  return `COALESCE((SELECT feed_guilds.outlet FROM feed_guilds WHERE feed_guilds.feed_id = ${feeds}.id AND feed_guilds.guild_id = @viewerGuild), ${feeds}.outlet)`;
}

/** The perspective the viewer knows a feed by: for a feed a guild added, that guild's own label for it. */
export function perspectiveSql(feeds: string): string {
  return `COALESCE((SELECT feed_guilds.perspective FROM feed_guilds WHERE feed_guilds.feed_id = ${feeds}.id AND feed_guilds.guild_id = @viewerGuild), ${feeds}.perspective)`;
}
