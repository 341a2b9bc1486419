/** Recognises the parts of article text that are not the story: plugs, credits, bylines, headings and datelines. */

const AGENCIES = String.raw`Reuters|AP|AFP|EPA|Getty Images|Bloomberg|Shutterstock|Anadolu|TASS|Sputnik|Xinhua|Ukrinform|dpa|PA|Alamy|Pool`;

const BOILERPLATE_PATTERNS: RegExp[] = [
  /^(?:sign up|subscribe|register|join|get|download|follow)\b.{0,120}\b(?:newsletter|inbox|updates|briefing|app|alerts|free|us on)\b/i,
  /^(?:sign up|subscribe)\b/i,
  /\bnewsletter\b.{0,80}\b(?:sign up|subscribe|inbox|delivered)\b/i,
  /^(?:photo|photograph|image|picture|video|illustration|graphic|file photo)s?\s*(?::|by\b|credit\b)/i,
  /^\(?(?:photo|image)s?\s+(?:by|courtesy)\b/i,
  new RegExp(String.raw`^\(?(?:${AGENCIES})(?:\s+photo)?\)?\.?$`, 'i'),
  new RegExp(String.raw`[/|]\s*(?:${AGENCIES})(?:\s+(?:via|photo)\b.*)?\)?\.?$`),
  /\b(?:this (?:story|article|report|post) (?:has been|was|is being) updated|this is a (?:developing|breaking) (?:story|news story))\b/i,
  /^(?:updated|published|last updated|first published)\b.{0,60}\d/i,
  /^(?:read more|read also|related|see also|more on this|more from|recommended|watch|listen)\s*[:|>»]/i,
  /^(?:read more|most read|recommended stories|related stories|more stories)$/i,
  /\bclick here\b/i,
  /^(?:advertisement|sponsored|ad|story continues below(?: advertisement)?|scroll to continue(?: with content)?|continue reading|skip advertisement)\.?$/i,
  /^(?:share|share this (?:article|story)|listen to this article|save|comments?)\b.{0,30}$/i,
  /^\d+\s*(?:min|minute)s?\s+read$/i,
  /^[Bb]y\s+\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3}(?:(?:\s*,\s*|\s+and\s+)\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,3})*(?:\s*[,|–—-]\s*\p{Lu}[\p{L}.&'-]*(?:\s+(?:\p{Lu}[\p{L}.&'-]*|and|of|the))*)?$/u,
  /^(?:\(?(?:reporting|writing|editing|additional reporting|compiled|edited|produced) by\b)/i,
  /^(?:©|\(c\)\s|copyright\b)/i,
  /\ball rights reserved\b/i,
  /^(?:follow|contact) (?:us|the author|\p{Lu}\p{L}+ on)\b/iu,
  /^follow\b.{0,80}\bcoverage\b/i,
  /\bcontributed (?:reporting )?to this (?:report|story)\.?$/i,
  /^(?:FILE|IMAGE DISTRIBUTED FOR [A-Z ]+)\s*[-–—]\s/,
  /\((?:AP|AFP|Reuters|EPA)[^)]{0,40}(?:Photo|via)[^)]{0,80}\)\.?$/i,
  /^(?:we use cookies|cookie (?:policy|settings))\b/i,
];

/** True for a paragraph or sentence that is page furniture, not part of the story. */
export function isBoilerplate(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.length === 0) return true;
  if (isDatelineOnly(trimmed)) return true;
  return BOILERPLATE_PATTERNS.some((pattern) => pattern.test(trimmed));
}

/**
 * A headline or section head: a short line without final punctuation ("Crimea at the Heart of Peace Talks",
 * "The Stakes"). Sentences in body copy end in punctuation; heads do not.
 */
export function isHeading(paragraph: string): boolean {
  const trimmed = paragraph.trim();
  if (trimmed.length > 200 || /[.!?…:;,"\u201d\u2019)]$/.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= 16;
}

const DATELINE_PLACE = String.raw`\p{Lu}(?:[\p{L}.' /]|-(?=\p{L})){1,40}(?:,\s*[\p{L}.' ]{2,30})?`;
const DATELINE_DATE = String.raw`(?:,?\s*(?:\p{Lu}\p{Ll}{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?))?`;
const DATELINE_AGENCY = String.raw`(?:\s*\((?:${AGENCIES}|[\p{Lu}][\p{L} ]{1,20})\))?`;
const DATELINE_HEAD = `${DATELINE_PLACE}${DATELINE_DATE}${DATELINE_AGENCY}`;
const DATELINE = new RegExp(String.raw`^(${DATELINE_HEAD})\s*[—–-]{1,2}\s+`, 'u');
const DATELINE_ONLY = new RegExp(String.raw`^(${DATELINE_HEAD})\s*[—–-]{0,2}$`, 'u');

/** "KYIV, Ukraine —" or "MOSCOW (Reuters) -" on a line of its own. */
function isDatelineOnly(text: string): boolean {
  return DATELINE_ONLY.test(text) && isUpperCasePlace(text);
}

function isUpperCasePlace(text: string): boolean {
  const firstWord = /^[\p{L}.'-]+/u.exec(text)?.[0] ?? '';
  return firstWord.length > 1 && firstWord === firstWord.toUpperCase();
}

/**
 * Removes a leading dateline ("KYIV, Aug 18 (Reuters) - ") from a lede so the sentence reads on its own.
 * Only upper-case place names count, so a sentence that merely starts with a name and a dash is kept.
 */
export function stripDateline(sentence: string): string {
  const match = DATELINE.exec(sentence);
  if (!match || !isUpperCasePlace(match[1] ?? '')) return sentence;
  return sentence.slice(match[0].length);
}
