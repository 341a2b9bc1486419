import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { filterByTyped, fitChoices, knownTimeZones, MAX_CHOICES } from '../../../src/discord/commands/choices.js';
import { durationSchema, findPerson, parseOption, webUrlSchema } from '../../../src/discord/commands/options.js';
import { fitLines } from '../../../src/discord/commands/replies.js';
import { canonicalTimeZone, validSubscription } from '../../../src/discord/commands/subscribe.js';
import { CommandError } from '../../../src/discord/interactions.js';
import { PEOPLE } from './fakes.js';

const MINUTE = 60_000;

describe('since options', () => {
  it.each([
    ['90m', 90 * MINUTE],
    ['24h', 24 * 60 * MINUTE],
    ['7d', 7 * 24 * 60 * MINUTE],
    ['2w', 14 * 24 * 60 * MINUTE],
    [' 3 Days ', 3 * 24 * 60 * MINUTE],
    ['36 hours', 36 * 60 * MINUTE],
    ['90d', 90 * 24 * 60 * MINUTE],
  ])('reads %j', (text, ms) => {
    expect(durationSchema.parse(text)).toBe(ms);
  });

  it.each([
    ['yesterday', 'is not a time span: write a number and a unit, e.g. 90m, 24h, 7d or 2w'],
    ['24', 'is not a time span'],
    ['0m', 'is not a time span'],
    ['-3h', 'is not a time span'],
    ['1.5d', 'is not a time span'],
    ['91d', 'reaches back too far: wirewatch looks back at most 90 days (90d)'],
    ['20w', 'reaches back too far'],
  ])('refuses %j, saying what to write', (text, message) => {
    expect(() => parseOption(durationSchema, text, 'since')).toThrow(CommandError);
    expect(() => parseOption(durationSchema, text, 'since')).toThrow(`\`since\`: "${text.trim().toLowerCase()}" ${message}`);
  });
});

describe('URL options', () => {
  it('accepts absolute http(s) URLs only', () => {
    expect(webUrlSchema.parse(' https://kyivindependent.com/feed/ ')).toBe('https://kyivindependent.com/feed/');
    for (const bad of ['kyivindependent.com/feed', 'ftp://example.org/rss', 'javascript:alert(1)', `https://example.org/${'a'.repeat(2000)}`]) {
      expect(webUrlSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe('subscription options', () => {
  const input = { guildId: '1400000000000000001', channelId: '1400000000000000002', kind: 'topic', target: 'crimea', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: '1400000000000000003' };

  it('names the option to change', () => {
    expect(() => validSubscription({ ...input, digestTime: '25:99' })).toThrow('`time`: a digest time is HH:MM in 24-hour time, e.g. "08:30".');
    expect(() => validSubscription({ ...input, digestTime: '8:30' })).toThrow('`time`');
    expect(() => validSubscription({ ...input, timezone: 'Mars/Olympus' })).toThrow('`timezone`: a time zone is an IANA name');
    expect(validSubscription({ ...input, digestTime: '23:59', timezone: 'America/New_York' })).toMatchObject({ digestTime: '23:59' });
    expect(() => validSubscription({ ...input, style: 'huge' })).toThrow('`style`: the style is "full" (an embed) or "compact" (one line).');
    expect(() => validSubscription({ ...input, pingRoleId: 'everyone' })).toThrow('`ping`: a role id is a Discord snowflake');
    expect(validSubscription({ ...input, style: 'compact', pingRoleId: '1400000000000000031' })).toMatchObject({ style: 'compact', pingRoleId: '1400000000000000031' });
  });

  it('spells time zones the usual way, keeping current names the runtime knows as aliases', () => {
    expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin');
    expect(canonicalTimeZone('AMERICA/NEW_YORK')).toBe('America/New_York');
    expect(canonicalTimeZone('utc')).toBe('UTC');
    expect(canonicalTimeZone('europe/kyiv')).toBe('Europe/Kyiv');
    expect(canonicalTimeZone('Mars/Olympus')).toBe('Mars/Olympus');
    expect(knownTimeZones()[0]).toBe('UTC');
    expect(knownTimeZones()).toContain('Europe/Kyiv');
  });
});

describe('people', () => {
  it('finds a person by id, name or alias, accents and case ignored', () => {
    expect(findPerson(PEOPLE, 'steve-witkoff')?.name).toBe('Steve Witkoff');
    expect(findPerson(PEOPLE, 'zelenskyy')?.id).toBe('volodymyr-zelensky');
    expect(findPerson(PEOPLE, 'VLADIMIR PUTIN')?.id).toBe('vladimir-putin');
    expect(findPerson(PEOPLE, 'Boris Johnson')).toBeNull();
  });
});

describe('autocomplete choices', () => {
  it('keeps at most 25 choices, names within 100 characters, no value over 100', () => {
    const long = 'Zelensky and European leaders meet Trump at the White House to discuss security guarantees 🇺🇦 '.repeat(3);
    const choices = fitChoices([
      { name: long, value: 'story:1' },
      { name: 'too long a value', value: 'x'.repeat(101) },
      ...Array.from({ length: 40 }, (_, index) => ({ name: `Story ${index}`, value: `story:${index + 2}` })),
    ]);
    expect(choices).toHaveLength(MAX_CHOICES);
    expect(choices[0]?.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]?.name.endsWith('…')).toBe(true);
    expect(choices.map((choice) => choice.value)).not.toContain('x'.repeat(101));
  });

  it('holds the limits for any input', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ name: fc.string({ maxLength: 300 }), value: fc.string({ maxLength: 120 }) }), { maxLength: 60 }), (candidates) => {
        const choices = fitChoices(candidates);
        expect(choices.length).toBeLessThanOrEqual(25);
        for (const choice of choices) {
          expect(choice.name.length).toBeGreaterThan(0);
          expect(choice.name.length).toBeLessThanOrEqual(100);
          expect(choice.value.length).toBeGreaterThan(0);
          expect(choice.value.length).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('puts labels that start with the typed text first, accents ignored', () => {
    const zones = ['America/Sao_Paulo', 'Europe/Paris', 'Pacific/Tahiti'];
    expect(filterByTyped(zones, 'pa', (zone) => [zone.split('/')[1] ?? zone])).toEqual(['Europe/Paris', 'America/Sao_Paulo']);
    expect(filterByTyped(['Zelenskyy', 'Zelénski'], 'ZELENSKI', (name) => [name])).toEqual(['Zelénski']);
    expect(filterByTyped(['a', 'b'], '  ', (name) => [name])).toEqual(['a', 'b']);
  });
});

describe('fitLines', () => {
  it('counts what does not fit', () => {
    const lines = Array.from({ length: 10 }, (_, index) => `line ${index} ${'x'.repeat(40)}`);
    const text = fitLines(lines, 200);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text).toMatch(/… and \d+ more$/u);
    expect(fitLines(['short'], 200)).toBe('short');
  });

  it('never exceeds the limit', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 500 }), { maxLength: 50 }), fc.integer({ min: 20, max: 4096 }), (lines, max) => {
        expect(fitLines(lines, max).length).toBeLessThanOrEqual(max);
      }),
    );
  });
});
