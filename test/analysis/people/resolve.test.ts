import { describe, expect, it } from 'vitest';
import { buildArticleNameTable, findNameRuns, resolveArticleName } from '../../../src/analysis/people/article-names.js';
import { buildPersonIndex, resolvePersonName } from '../../../src/analysis/people/resolve.js';
import { loadProjectPeople } from '../quotes/load-people.js';

const index = buildPersonIndex(loadProjectPeople());
const idOf = (text: string): string | null => resolvePersonName(index, text)?.id ?? null;

describe('resolvePersonName', () => {
  it('canonicalises names, surnames, honorifics and titles before names', () => {
    expect(idOf('Witkoff')).toBe('steve-witkoff');
    expect(idOf('Steve Witkoff')).toBe('steve-witkoff');
    expect(idOf('Mr. Witkoff')).toBe('steve-witkoff');
    expect(idOf('U.S. President Donald Trump')).toBe('donald-trump');
    expect(idOf("Trump's")).toBe('donald-trump');
  });

  it('knows transliterations and descriptions', () => {
    for (const spelling of ['Zelenskyy', 'Zelenskiy', 'Зеленський', 'Зеленский', 'Volodymyr Zelenskyy']) expect(idOf(spelling)).toBe('volodymyr-zelensky');
    expect(idOf('the Ukrainian president')).toBe('volodymyr-zelensky');
    expect(idOf("Ukraine's president")).toBe('volodymyr-zelensky');
    expect(idOf('the Kremlin spokesman')).toBe('dmitry-peskov');
  });

  it('matches a first name written another way, or a middle initial, but not another person with the same surname', () => {
    expect(idOf('Dmitri Peskov')).toBe('dmitry-peskov');
    expect(idOf('Vladimir V. Putin')).toBe('vladimir-putin');
    expect(idOf('Viktor Orban')).toBe('viktor-orban');
    expect(idOf('Bradley Cooper')).toBeNull();
  });

  it('does not match near-misses or common words', () => {
    expect(idOf('Mertz')).toBeNull();
    expect(idOf('trump')).toBeNull();
    expect(idOf('the president')).toBeNull();
  });
});

describe('the per-article name table', () => {
  const article = 'Jane Doe, a researcher, spoke first. Later Bradley Cooper joined. U.S. Secretary of State Marco Rubio listened.';
  const table = buildArticleNameTable(findNameRuns(article));

  it('finds full names with the titles before them dropped', () => {
    expect(findNameRuns(article).map((run) => run.name)).toEqual(['Jane Doe', 'Bradley Cooper', 'Marco Rubio']);
  });

  it('resolves a surname to the full name given earlier, even for people not in people.json', () => {
    expect(resolveArticleName(table, index, 'Doe')).toEqual({ name: 'Jane Doe', person: null });
    expect(resolveArticleName(table, index, 'Cooper')).toEqual({ name: 'Bradley Cooper', person: null });
    expect(resolveArticleName(table, index, 'Rubio')?.person?.id).toBe('marco-rubio');
  });

  it('falls back to people.json for a surname the article did not introduce', () => {
    expect(resolveArticleName(table, index, 'Zelenskyy')?.name).toBe('Volodymyr Zelensky');
    expect(resolveArticleName(table, index, 'Smith')).toBeNull();
  });
});

describe('resolvePersonName across transliterations', () => {
  it('finds tracked people however their names are transliterated', () => {
    expect(idOf('Dmitrij Peskow')).toBe('dmitry-peskov');
    expect(idOf('Juri Uschakow')).toBe('yuri-ushakov');
    expect(idOf('Sibiga')).toBe('andrii-sybiha');
    expect(idOf('Jermak')).toBe('andriy-yermak');
    expect(idOf('Sergej Lawrow')).toBe('sergei-lavrov');
  });

  it('does not take another first name with the same surname, nor a lower-case word', () => {
    expect(idOf('Bradley Cooper')).toBeNull();
    expect(idOf('peskow')).toBeNull();
  });
});
