import { renderChartPng } from '../src/chart-image/render.js';
import { timelineAltText } from '../src/charts/alt-text.js';
import { daysEnding } from '../src/charts/days.js';
import { buildTimeline, type ChartPerspective, type StoryDayReports } from '../src/charts/timeline.js';
import { timelineChartSpec } from '../src/charts/timeline-spec.js';
import { figure, type Figure } from './support/figures.js';
import { median, measureAsync, settle } from './support/stats.js';
import { FIGURES } from './targets.js';

const DAYS = 90;
const WARM_UP = 2;
const RUNS = 15;
const PERSPECTIVES: ChartPerspective[] = [
  { id: 'ukrainian', label: 'Ukrainian' },
  { id: 'russian-state', label: 'Russian state' },
  { id: 'russian-independent', label: 'Russian independent' },
  { id: 'western', label: 'Western' },
  { id: 'gulf', label: 'Gulf' },
  { id: 'other', label: 'Other' },
];

/** A busy topic's 90 days: 0–24 stories a day (quiet weekends, a few peaks), each reported by one to four sides. */
function busyTopicRows(days: readonly string[]): StoryDayReports[] {
  let seed = 21;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  return days.flatMap((day, index) => {
    const peak = index % 17 === 5 ? 3 : 1;
    const stories = Math.round(random() * 8 * peak) + (index % 7 < 5 ? 2 : 0);
    return Array.from({ length: stories }, (_, story) => {
      const sides = 1 + Math.floor(random() * 4);
      return Array.from({ length: sides }, (_, side) => ({
        storyId: `${day}-${story}`,
        day,
        perspective: PERSPECTIVES[(story + side * 2) % PERSPECTIVES.length]?.id ?? 'other',
        reports: 1 + Math.floor(random() * 3),
      }));
    }).flat();
  });
}

/** A 90-day timeline from plain rows to PNG (timeline, Vega-Lite spec, alt text, vega SVG, resvg PNG): median ms. */
export async function run(): Promise<Figure[]> {
  const days = daysEnding(Date.UTC(2026, 11, 4), DAYS);
  const rows = busyTopicRows(days);
  let bytes = 0;
  const render = async () => {
    const timeline = buildTimeline({ topicName: 'Peace talks', days, perspectives: PERSPECTIVES, rows });
    timelineAltText(timeline);
    bytes = (await renderChartPng(timelineChartSpec(timeline))).length;
  };
  for (let round = 0; round < WARM_UP; round += 1) await render();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    await settle();
    const timing = await measureAsync(render);
    wall.push(timing.wallMs);
    cpu.push(timing.cpuMs);
  }
  const stories = new Set(rows.map((row) => row.storyId)).size;
  return [
    figure({
      ...FIGURES.timelineChart,
      value: median(wall),
      runs: RUNS,
      note: `${DAYS} days, ${stories} stories, ${PERSPECTIVES.length} sides; PNG ${Math.round(bytes / 1024)} KB; CPU time ${median(cpu).toFixed(0)} ms per chart (the first render in a process, loading vega and the fonts, is not counted)`,
    }),
  ];
}
