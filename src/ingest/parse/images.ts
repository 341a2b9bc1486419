import { decodeEntities } from './html-text.js';

/**
 * The article's image, as feeds and pages name it: RSS `<enclosure>` and Atom `<link rel="enclosure">` of an image
 * type, Media RSS `<media:content>` (an image by its medium, type or file name) and `<media:thumbnail>`, JSON Feed
 * `image`/`banner_image`, and a page's `og:image`. Only addresses come out: wirewatch never fetches the image.
 */

/** An image a feed names, as written (the URL may be relative). */
export interface MediaReference {
  url: string | null | undefined;
  type?: string | null | undefined;
  medium?: string | null | undefined;
}

/** What an entry names, by element (media:group's children included). */
export interface EntryMedia {
  mediaContents: MediaReference[];
  /** RSS `<enclosure>` and Atom `<link rel="enclosure">`. */
  enclosures: MediaReference[];
  thumbnails: MediaReference[];
}

/** The entry's image URLs as written, best first: a full image (media:content, an enclosure) before a thumbnail. */
export function entryImages(media: EntryMedia): string[] {
  return [
    ...media.mediaContents.filter(isImageMediaContent),
    ...media.enclosures.filter(isImageEnclosure),
    ...media.thumbnails,
  ].flatMap((reference) => (reference.url ? [reference.url] : []));
}

/** Candidates kept per entry, best first; Discord shows one. */
const MAX_CANDIDATES = 4;
/** Longer URLs are no image address a publisher would write (Discord caps embed URLs at 2,048). */
const MAX_URL_LENGTH = 2_000;
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif)$/iu;

/** An enclosure (RSS or Atom) is the article's image only when its type says so; audio and video are not. */
function isImageEnclosure(reference: MediaReference): boolean {
  return (reference.type ?? '').trim().toLowerCase().startsWith('image/');
}

/** media:content is an image by its medium, else its type, else (neither given) its file name. */
function isImageMediaContent(reference: MediaReference): boolean {
  const medium = reference.medium?.trim().toLowerCase();
  if (medium) return medium === 'image';
  const type = reference.type?.trim().toLowerCase();
  if (type) return type.startsWith('image/');
  return IMAGE_FILE.test(pathOf(reference.url ?? ''));
}

/**
 * The candidates as absolute https URLs, resolved against the entry's bases, duplicates and unusable ones dropped,
 * best first, at most 4. Plain http is refused: members' clients would load it unencrypted. Whether the host is public
 * is `accept`'s to say (the caller has the address policy); it is asked before the cap.
 */
export function imageUrls(
  candidates: readonly (string | null | undefined)[],
  resolve: (href: string) => string | null,
  accept: (url: string) => boolean = () => true,
): string[] {
  const urls: string[] = [];
  for (const candidate of candidates) {
    const href = candidate?.trim();
    if (!href || href.length > MAX_URL_LENGTH) continue;
    const url = resolve(href);
    if (url === null || !url.startsWith('https://') || url.length > MAX_URL_LENGTH || urls.includes(url) || !accept(url)) continue;
    urls.push(url);
    if (urls.length === MAX_CANDIDATES) break;
  }
  return urls;
}

/** Where a page's head names its share image: the Open Graph tags, then Twitter's. */
const PAGE_IMAGE_KEYS = ['og:image:secure_url', 'og:image', 'og:image:url', 'twitter:image', 'twitter:image:src'];
/** The head is at the start; a page that names its image 256 KB in names none worth finding. */
const HEAD_CHARS = 256 * 1024;
const META_TAG = /<meta\b[^>]*>/giu;
const ATTRIBUTE = /([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gu;

/** The page's share image (`og:image`, else `twitter:image`), as https URLs resolved against the page's address. */
export function pageImageUrls(html: string, pageUrl: string, accept?: (url: string) => boolean): string[] {
  const found = new Map<string, string>();
  for (const tag of html.slice(0, HEAD_CHARS).matchAll(META_TAG)) {
    const attributes = new Map<string, string>();
    for (const [, name = '', double, single, bare] of tag[0].matchAll(ATTRIBUTE)) attributes.set(name.toLowerCase(), double ?? single ?? bare ?? '');
    const key = (attributes.get('property') ?? attributes.get('name'))?.trim().toLowerCase();
    const content = attributes.get('content');
    if (key && content && PAGE_IMAGE_KEYS.includes(key) && !found.has(key)) found.set(key, decodeEntities(content));
  }
  const ordered = PAGE_IMAGE_KEYS.map((key) => found.get(key));
  return imageUrls(ordered, (href) => absolute(href, pageUrl), accept);
}

function absolute(href: string, base: string): string | null {
  try {
    return new URL(href, base).href;
  } catch {
    return null;
  }
}

function pathOf(url: string): string {
  return url.split(/[?#]/u)[0] ?? '';
}
