import { describe, expect, it } from 'vitest';
import { deliveryErrorText, feedErrorCode, feedErrorText } from '../../src/text/user-errors.js';

describe('the error table', () => {
  it('says what an HTTP failure means, with its status, instead of a raw code', () => {
    expect(feedErrorText(feedErrorCode('http-status', 403))).toBe('the site refused us (HTTP 403)');
    expect(feedErrorText(feedErrorCode('http-status', 410))).toBe('the feed was removed (HTTP 410)');
    expect(feedErrorText(feedErrorCode('http-status', 502))).toBe('the site had an error (HTTP 502)');
    expect(feedErrorText(feedErrorCode('http-status', 418))).toBe('the site answered with an error (HTTP 418)');
  });

  it('keeps other fetch codes as they are and words each of them', () => {
    for (const code of ['timeout', 'too-large', 'private-address', 'dns', 'network', 'too-many-redirects', 'bad-url', 'unsupported-protocol', 'aborted', 'not-a-feed', 'internal-error']) {
      expect(feedErrorCode(code, undefined)).toBe(code);
      expect(feedErrorText(code)).not.toMatch(/^the last poll failed$|-/u);
    }
  });

  it('reads an unknown or missing code (an older row) as a plain failure, never as the code', () => {
    expect(feedErrorText('http-status')).toBe('the last poll failed');
    expect(feedErrorText('some-new-code')).toBe('the last poll failed');
    expect(feedErrorText(null)).toBe('the last poll failed');
    expect(deliveryErrorText('no-access')).toContain('cannot post');
    expect(deliveryErrorText('unheard-of')).toBe('the message could not be delivered');
  });
});
