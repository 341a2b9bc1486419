/** A gauge read at scrape time; gauges sharing a name (one per label set) are rendered under one HELP/TYPE. */
export interface GaugeReading {
  name: string;
  help: string;
  value: number;
  labels?: Record<string, string>;
}

/**
 * A small Prometheus text-format registry: counters with labels and sum/count summaries. `constantLabels` go on
 * every series (wirewatch's instance id, so several instances' series stay apart).
 */
export class Metrics {
  private readonly counters = new Map<string, { help: string; values: Map<string, number> }>();
  private readonly summaries = new Map<string, { help: string; sum: number; count: number }>();

  constructor(private readonly constantLabels: Record<string, string> = {}) {}

  counter(name: string, help: string): void {
    if (!this.counters.has(name)) this.counters.set(name, { help, values: new Map() });
  }

  summary(name: string, help: string): void {
    if (!this.summaries.has(name)) this.summaries.set(name, { help, sum: 0, count: 0 });
  }

  increment(name: string, labels: Record<string, string> = {}, by = 1): void {
    const counter = this.counters.get(name);
    if (!counter) throw new Error(`metric ${name} was not declared`);
    const key = labelText({ ...this.constantLabels, ...labels });
    counter.values.set(key, (counter.values.get(key) ?? 0) + by);
  }

  observe(name: string, value: number): void {
    const summary = this.summaries.get(name);
    if (!summary) throw new Error(`metric ${name} was not declared`);
    summary.sum += value;
    summary.count += 1;
  }

  /** The exposition text, with gauges read at scrape time appended. */
  render(gauges: readonly GaugeReading[] = []): string {
    const lines: string[] = [];
    const constant = labelText(this.constantLabels);
    for (const [name, counter] of this.counters) {
      lines.push(`# HELP ${name} ${counter.help}`, `# TYPE ${name} counter`);
      if (counter.values.size === 0) lines.push(`${name}${constant} 0`);
      for (const [labels, value] of counter.values) lines.push(`${name}${labels} ${value}`);
    }
    for (const [name, summary] of this.summaries) {
      lines.push(`# HELP ${name} ${summary.help}`, `# TYPE ${name} summary`, `${name}_sum${constant} ${summary.sum}`, `${name}_count${constant} ${summary.count}`);
    }
    const described = new Set<string>();
    for (const gauge of gauges) {
      if (!described.has(gauge.name)) lines.push(`# HELP ${gauge.name} ${gauge.help}`, `# TYPE ${gauge.name} gauge`);
      described.add(gauge.name);
      lines.push(`${gauge.name}${labelText({ ...this.constantLabels, ...gauge.labels })} ${gauge.value}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return '';
  return `{${entries.map(([key, value]) => `${key}="${value.replace(/[\\"\n]/g, (character) => (character === '\n' ? '\\n' : `\\${character}`))}"`).join(',')}}`;
}
