import { describe, expect, it } from 'vitest';
import { isBoilerplate, isHeading, stripDateline } from '../../src/text/boilerplate.js';

describe('isBoilerplate', () => {
  it.each([
    'Sign up for our Ukraine war briefing newsletter',
    'Subscribe to get the latest news delivered to your inbox.',
    'Photo: Andrew Harnik/Getty Images',
    'Volodymyr Zelensky arrives at the White House. Gleb Garanich/Reuters',
    '(Reuters)',
    'This story has been updated with additional information.',
    'Read more: Trump and Putin meet in Alaska',
    'Click here to read the full statement.',
    'Advertisement',
    'By Jonathan Landay and Gram Slattery',
    'By Jane Doe, The Associated Press',
    'Reporting by Tom Balmforth; Editing by Alex Richardson',
    '© 2025 Reuters. All rights reserved.',
    'KYIV, Ukraine —',
    'Associated Press writer Illia Novikov in Kyiv contributed to this report.',
    'FILE - Ukrainian President Volodymyr Zelenskyy speaks in Kyiv, Ukraine, Aug. 24, 2025. (AP Photo/Efrem Lukatsky, File)',
    "Follow AP's coverage of the war at https://apnews.com/hub/russia-ukraine",
  ])('recognises %j', (text) => {
    expect(isBoilerplate(text)).toBe(true);
  });

  it.each([
    'Trump insisted Zelensky could “end Russia’s war if he wants to,” signaling painful compromises.',
    'By the end of the day, no agreement had been reached.',
    'By Monday, Ukraine had agreed to the plan.',
    'Reuters reported that the talks would resume on Monday in Geneva.',
    'Russia seized the peninsula in 2014 after deploying masked troops.',
  ])('keeps story text %j', (text) => {
    expect(isBoilerplate(text)).toBe(false);
  });
});

describe('isHeading', () => {
  it('recognises short lines without final punctuation', () => {
    expect(isHeading('Crimea at the Heart of Peace Talks')).toBe(true);
    expect(isHeading('The Stakes')).toBe(true);
    expect(isHeading('The future of Crimea remains a flashpoint.')).toBe(false);
  });
});

describe('stripDateline', () => {
  it('removes wire datelines and keeps ordinary openings', () => {
    expect(stripDateline('KYIV, Aug 18 (Reuters) - Russian drones struck Kharkiv.')).toBe('Russian drones struck Kharkiv.');
    expect(stripDateline('WASHINGTON (AP) — President Donald Trump said Sunday.')).toBe('President Donald Trump said Sunday.');
    expect(stripDateline('WASHINGTON/RIYADH, March 25 (Reuters) - The United States reached deals.')).toBe(
      'The United States reached deals.',
    );
    expect(stripDateline('Zelensky - who met Trump - said nothing.')).toBe('Zelensky - who met Trump - said nothing.');
  });
});
