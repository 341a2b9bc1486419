import { describe, expect, it } from 'vitest';
import { createPeopleFinder } from '../../../src/analysis/people/mentions.js';
import { loadPeople } from '../../../src/config/app-config.js';

describe('createPeopleFinder', () => {
  const peopleNamedIn = createPeopleFinder(loadPeople('config'));

  it('finds tracked people however their names are written, once each, in order', () => {
    expect(peopleNamedIn('Zelenskyy meets Trump; U.S. President Donald Trump and Mr. Witkoff speak. Zelensky left.'))
      .toEqual(['volodymyr-zelensky', 'donald-trump', 'steve-witkoff']);
  });

  it('ignores people who are not tracked and words that only look like names', () => {
    expect(peopleNamedIn('Jane Doe said the trump card was played in Kharkiv.')).toEqual([]);
  });
});
