import { describe, expect, it } from 'vitest';
import { summarizeStory } from '../../../src/analysis/summary/story.js';

const reuters = {
  outlet: 'Reuters',
  title: 'Ukraine backs US proposal for 30-day ceasefire, US to resume military aid',
  text: [
    'JEDDAH, Saudi Arabia, March 11 (Reuters) - Ukraine said on Tuesday it was ready to accept a U.S. proposal for an immediate 30-day ceasefire in the war with Russia, and Washington agreed to immediately lift its pause on military aid and intelligence sharing with Kyiv.',
    'The announcement came after more than eight hours of talks in the Saudi city of Jeddah between Ukrainian officials and a U.S. delegation led by Secretary of State Marco Rubio.',
    'Rubio said the United States would now take the offer to Russia and that the ball was in Moscow’s court.',
    'Russia’s Foreign Ministry did not immediately respond to a request for comment.',
  ].join('\n'),
};
const ap = {
  outlet: 'AP',
  title: "Ukraine says it's ready to accept 30-day ceasefire after talks with US in Saudi Arabia",
  text: [
    'JEDDAH, Saudi Arabia (AP) — Ukraine said Tuesday it is ready to accept a U.S. proposal for an immediate 30-day ceasefire with Russia, after hours of talks with American officials in Saudi Arabia.',
    'Washington said it would lift a pause on military aid and intelligence sharing with Kyiv, which it imposed after a heated Oval Office meeting.',
    'The proposal now goes to Moscow, where the Kremlin has said it wants a long-term settlement rather than a temporary truce.',
    'Sign up for our World Briefing newsletter',
  ].join('\n'),
};
const kyivIndependent = {
  outlet: 'Kyiv Independent',
  title: 'Zelensky says Ukraine ready for 30-day truce if Russia agrees',
  text: [
    'President Volodymyr Zelensky said on March 11 that Ukraine is ready to accept the U.S. proposal for a 30-day ceasefire, calling on Washington to convince Moscow to do the same.',
    'Zelensky thanked Saudi Crown Prince Mohammed bin Salman for hosting the meeting in Jeddah.',
    'The truce would cover the entire front line, not only air and sea, according to the joint statement.',
  ].join('\n'),
};

describe('summarizeStory', () => {
  const { sentences, summary } = summarizeStory([reuters, ap, kyivIndependent]);

  it('opens with a lede that states the story and never repeats the same fact', () => {
    expect(sentences[0]).toMatch(/ready to accept .* 30-day ceasefire/);
    const ledeFacts = sentences.filter((sentence) => /ready to accept/.test(sentence));
    expect(ledeFacts).toHaveLength(1);
    expect(sentences.filter((sentence) => /intelligence sharing/.test(sentence)).length).toBeLessThanOrEqual(1);
  });

  it('picks whole sentences from the articles, without datelines or boilerplate', () => {
    const corpus = [reuters, ap, kyivIndependent].map((article) => article.text).join('\n');
    for (const sentence of sentences) expect(corpus).toContain(sentence);
    expect(summary).not.toMatch(/\(Reuters\)|\(AP\)|Sign up/);
    expect(sentences.length).toBeGreaterThan(1);
    expect(sentences.length).toBeLessThanOrEqual(3);
  });

  it('handles a single article and an empty story', () => {
    expect(summarizeStory([reuters]).sentences[0]).toMatch(/^Ukraine said on Tuesday/);
    expect(summarizeStory([])).toEqual({ summary: '', sentences: [] });
  });
});
