import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { peopleFileSchema } from '../../../src/analysis/people/schema.js';

const file = JSON.parse(readFileSync(new URL('../../../config/people.json', import.meta.url), 'utf8')) as unknown;

describe('config/people.json', () => {
  const parsed = peopleFileSchema.safeParse(file);

  it('matches the people schema', () => {
    expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
  });

  const people = parsed.success ? parsed.data.people : [];

  it('has unique ids, and no alias or title shared by two people', () => {
    expect(new Set(people.map((person) => person.id)).size).toBe(people.length);
    const owners = new Map<string, string>();
    for (const person of people) {
      for (const key of [person.name, ...person.aliases, ...person.titles.map((title) => title.toLowerCase())]) {
        const owner = owners.get(key);
        expect(owner === undefined || owner === person.id, `"${key}" belongs to ${owner} and ${person.id}`).toBe(true);
        owners.set(key, person.id);
      }
    }
  });

  it('includes everyone named in the seed and the principals of the talks', () => {
    const ids = new Set(people.filter((person) => person.principal).map((person) => person.id));
    for (const id of [
      'donald-trump', 'volodymyr-zelensky', 'steve-witkoff', 'vladimir-putin', 'keir-starmer', 'emmanuel-macron', 'friedrich-merz',
      'giorgia-meloni', 'mark-rutte', 'ursula-von-der-leyen', 'sergei-lavrov', 'dmitry-peskov', 'yuri-ushakov', 'kirill-dmitriev',
      'dmitry-medvedev', 'maria-zakharova', 'marco-rubio', 'jd-vance', 'keith-kellogg', 'dan-driscoll', 'andriy-yermak',
      'rustem-umerov', 'andrii-sybiha', 'kyrylo-budanov', 'oleksandr-syrskyi', 'alexander-stubb', 'donald-tusk', 'kaja-kallas',
      'antonio-costa', 'recep-tayyip-erdogan', 'viktor-orban', 'hakan-fidan',
    ]) {
      expect(ids.has(id), id).toBe(true);
    }
  });

  it('spells Zelensky the ways outlets do', () => {
    const zelensky = people.find((person) => person.id === 'volodymyr-zelensky');
    expect(zelensky?.aliases).toEqual(expect.arrayContaining(['Zelensky', 'Zelenskyy', 'Zelenskiy', 'Зеленський', 'Зеленский']));
    expect(zelensky?.titles).toEqual(expect.arrayContaining(['the Ukrainian president', "Ukraine's president"]));
  });
});
