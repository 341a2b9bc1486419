/** A feed as an OPML outline: the outlet's name and the feed's URL. */
export interface OpmlOutline {
  outlet: string;
  url: string;
}

/** An OPML 2.0 feed list (every outline a flat `type="rss"` entry), as feed readers import it. */
export function writeOpml(title: string, feeds: readonly OpmlOutline[], created: Date): string {
  const outlines = feeds.map((feed) => `    <outline type="rss" text="${escapeXml(feed.outlet)}" title="${escapeXml(feed.outlet)}" xmlUrl="${escapeXml(feed.url)}"/>`);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeXml(title)}</title>`,
    `    <dateCreated>${created.toUTCString()}</dateCreated>`,
    '  </head>',
    '  <body>',
    ...outlines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}

/** Text for an XML attribute or element: the five special characters escaped, characters XML forbids dropped. */
function escapeXml(text: string): string {
  return text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/gu, '')
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;')
    .replace(/\n/gu, '&#10;');
}
