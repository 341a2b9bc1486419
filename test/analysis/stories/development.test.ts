import { describe, expect, it } from 'vitest';
import { detectDevelopment, type DevelopmentReport } from '../../../src/analysis/stories/development.js';

const report = (title: string, lede = '', quotedPrincipals: DevelopmentReport['quotedPrincipals'] = []): DevelopmentReport => ({ title, lede, quotedPrincipals });

const strike = report(
  'Russian attack on Kyiv kills at least 14, damages EU offices',
  'KYIV, Ukraine (AP) — A large Russian drone and missile barrage struck Kyiv overnight, killing at least 14 people and wounding dozens.',
);
const zelensky = { id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky' };

describe('detectDevelopment', () => {
  it('finds nothing new in a story’s first report or in a plain re-report', () => {
    expect(detectDevelopment(strike, [])).toBeNull();
    const reReport = report('Russian missile and drone attack on Kyiv kills at least 10', 'KYIV, Aug 28 (Reuters) - A massive attack killed at least 10 people, officials said.');
    expect(detectDevelopment(reReport, [strike])).toBeNull();
  });

  it('reports a principal quoted for the first time in the story, once', () => {
    const quoted = report('Zelensky: strike shows Russia does not want peace', '', [zelensky]);
    expect(detectDevelopment(quoted, [strike])).toMatchObject({ kind: 'first-words', personId: 'volodymyr-zelensky', summary: 'Volodymyr Zelensky speaks for the first time in this story' });
    const quotedAgain = report('Zelensky repeats call for air defence after Kyiv strike', '', [zelensky]);
    expect(detectDevelopment(quotedAgain, [strike, quoted])).toBeNull();
  });

  it('reports a rising toll, in the headline or the lede, and not a lower or equal count', () => {
    const risen = report('Death toll in Russian strike on Kyiv rises to 18, including 4 children');
    expect(detectDevelopment(risen, [strike])).toMatchObject({ kind: 'higher-toll', count: 18, previous: 14 });
    const inLede = report('Rescuers search rubble in Kyiv', 'The number of people killed in the attack has risen to 21, the emergency service said.');
    expect(detectDevelopment(inLede, [strike, risen])).toMatchObject({ kind: 'higher-toll', count: 21, previous: 18 });
    expect(detectDevelopment(report('Attack on Kyiv: 14 killed, officials say'), [strike, risen])).toBeNull();
  });

  it('does not read drone counts or years as a toll', () => {
    const drones = report('Russia launched 598 drones and 31 missiles in the attack on Kyiv in 2025');
    expect(detectDevelopment(drones, [strike])).toBeNull();
  });

  it('reports a new turn of events: agreed, signed, cancelled', () => {
    const planned = report('Trump says he will meet Putin in Budapest', 'Trump said the two leaders would meet within two weeks.');
    expect(detectDevelopment(report('Trump cancels Budapest summit with Putin'), [planned])).toMatchObject({ kind: 'turn', verb: 'cancelled', summary: 'New: cancelled' });
    const talks = report('US and Ukrainian officials hold talks in Jeddah');
    expect(detectDevelopment(report('Ukraine agrees to 30-day ceasefire proposal after Jeddah talks'), [talks])).toMatchObject({ verb: 'agreed' });
    const agreed = report('Ukraine agrees to 30-day ceasefire proposal after Jeddah talks');
    expect(detectDevelopment(report('Kyiv agreed to the truce plan, Rubio says'), [talks, agreed])).toBeNull();
  });
});
