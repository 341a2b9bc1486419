import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../demo/run.js';
import { readPngSize } from '../support/png.js';

/** The text between a line containing `start` and the next member action (or the end). */
function section(transcript: string, start: string): string {
  const from = transcript.indexOf(start);
  if (from < 0) return '';
  const next = transcript.indexOf('  ▶ ', from + start.length);
  return transcript.slice(from, next < 0 ? undefined : next);
}

describe('npm run demo', () => {
  it('runs the bot end to end offline and prints what it posted', async () => {
    let stdout = '';
    let stderr = '';
    const chartPath = join(mkdtempSync(join(tmpdir(), 'demo-chart-')), 'timeline.png');
    const code = await main({ stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), chartPath });

    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain('#news-alerts · alert posted');
    expect(stdout).toContain('■ Trump rules out NATO membership for Ukraine hours before Zelensky meeting');
    expect(stdout).toContain('alert edited: also reported by Kyiv Ledger');
    // The White House subscription pings its role with each new story's alert; edits and follow-ups ping nobody.
    expect(stdout).toContain('#news-alerts · alert posted · pinged @talks-watchers');
    expect(stdout).not.toMatch(/(message|digest) posted · pinged/u);
    expect(section(stdout, '/subscribe topic topic:white-house-talks')).toContain('New alerts ping @talks-watchers');
    expect(stdout).toContain('#talks-forum · forum post “Trump rules out NATO membership for Ukraine hours before Zelensky meeting” · tagged White House talks');
    expect(stdout).toContain('#talks-forum › “Trump rules out NATO membership for Ukraine hours before Zelensky meeting” · reply in the post');

    const whoSaid = section(stdout, '/whosaid quote:really big');
    expect(whoSaid).toContain('“That is big. I mean, really big”');
    expect(whoSaid).toContain('— Steve Witkoff');
    expect(whoSaid).toContain('First reported by Capital Wire');

    const sides = section(stdout, '/story sides story:');
    expect(sides).toContain('2 reports from 2 sides: 🌐 1 · 🇺🇦 1');
    expect(sides).toMatch(/▸ 🇺🇦 Ukrainian media\n.*First report Mon 18 Aug 2025, 11:30 UTC · Kyiv Ledger/u);
    expect(stdout).toContain('Coverage by side');

    expect(section(stdout, '/digest now')).toContain('wirewatch digest ·');
    const why = section(stdout, ': /why');
    expect(why).toContain('only visible to the member who asked');
    expect(why).toContain('Topic: Trump–Zelensky talks at the White House: the alert was edited to add');
    expect(why).toMatch(/▸ Matched\n.*Trump–Zelensky talks at the White House: score 6 of 4 needed/u);
    expect(why).toContain('▸ Nearly matched');
    const timeline = section(stdout, '/timeline topic:white-house-talks');
    expect(timeline).toContain('the biggest days');
    expect(timeline).toMatch(/Its alt text: “Bar\s+chart of stories per day/u);
    expect(timeline.replace(/\s+/gu, ' ')).toContain(`The demo wrote the chart to ${chartPath}`);
    expect(readPngSize(readFileSync(chartPath))).toEqual({ width: 960, height: 400 });
    expect(stdout).toContain('#news-alerts · digest posted');
    expect(stdout).toContain('recorded no violation');
  }, 25_000);
});
