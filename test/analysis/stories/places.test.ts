import { describe, expect, it } from 'vitest';
import { extractPlaces } from '../../../src/analysis/stories/places.js';

describe('extractPlaces', () => {
  it('finds gazetteer places and folds transliteration variants', () => {
    expect(extractPlaces('Shelling in Kharkov and Odessa; later, drones over Zaporozhye').sort()).toEqual(['Kharkiv', 'Odesa', 'Zaporizhzhia']);
  });

  it('adds the larger place a city lies in', () => {
    expect(extractPlaces('Talks in Jeddah ended').sort()).toEqual(['Jeddah', 'Saudi Arabia']);
    expect(extractPlaces('The summit in Anchorage').sort()).toEqual(['Alaska', 'Anchorage']);
  });

  it('counts a capital as a place only where it is one, not where it stands for a government', () => {
    expect(extractPlaces('Russia launched a massive attack on Kyiv overnight')).toEqual(['Kyiv']);
    expect(extractPlaces('Kyiv rejected the plan, and Moscow made new demands')).toEqual([]);
    expect(extractPlaces('Putin met Witkoff in the Kremlin')).toEqual(['Kremlin']);
  });

  it('needs capitalised whole words', () => {
    expect(extractPlaces('the odesa steps; Kyivstar; Romex')).toEqual([]);
  });
});
