export const NS = {
  atom10: 'http://www.w3.org/2005/Atom',
  atom03: 'http://purl.org/atom/ns#',
  rss10: 'http://purl.org/rss/1.0/',
  rss09: 'http://my.netscape.com/rdf/simple/0.9/',
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  xhtml: 'http://www.w3.org/1999/xhtml',
  media: 'http://search.yahoo.com/mrss/',
} as const;

/** Prefixes feeds use without declaring them; read with their usual meaning. */
export const CONVENTIONAL_PREFIXES: Record<string, string> = {
  atom: NS.atom10,
  dc: NS.dc,
  content: NS.content,
  sy: NS.sy,
  rdf: NS.rdf,
  itunes: NS.itunes,
  xhtml: NS.xhtml,
  media: NS.media,
};
