/** Distinct, realistic reports that each match the shipped "russian-strikes" topic: one story, one alert each. */
export interface WireItem {
  title: string;
  guid: string;
  link: string;
  description: string;
  pubDate: string;
}

const reports: Omit<WireItem, 'guid' | 'link' | 'pubDate'>[] = [
  {
    title: 'Russian strikes hit Kharkiv energy grid overnight',
    description: 'Russian missiles and drones struck Kharkiv overnight, damaging substations and leaving 40,000 homes without power, regional governor Oleh Syniehubov said.',
  },
  {
    title: 'Drone attack on Odesa port damages grain terminal',
    description: 'A Russian drone attack on the port of Odesa set a grain terminal on fire and wounded two dock workers, the regional military administration said.',
  },
  {
    title: 'Missile strike on Dnipro apartment block kills five',
    description: 'A Russian ballistic missile hit a nine-storey apartment block in Dnipro on Tuesday morning, killing five residents, emergency services said.',
  },
  {
    title: 'Russia launches record 700 drones at Lviv region',
    description: 'Air defences shot down most of a record wave of Shahed drones aimed at western Ukraine, but debris started fires near Lviv, the air force said.',
  },
  {
    title: 'Glide bombs pound Zaporizhzhia industrial zone',
    description: 'Russian aircraft dropped guided glide bombs on an industrial district of Zaporizhzhia, injuring eleven workers at a machine-building plant.',
  },
  {
    title: 'Shelling of Kherson market leaves three dead',
    description: 'Russian artillery shelled a crowded market in Kherson from across the Dnipro river, killing three shoppers, the city administration reported.',
  },
];

/** The reports as feed items, published `now` minus a few minutes each. */
export function strikeItems(now: number): WireItem[] {
  return reports.map((report, index) => ({
    ...report,
    guid: `wire-strike-${index + 1}`,
    link: `https://wire.example/ukraine/strike-${index + 1}`,
    pubDate: new Date(now - (reports.length - index) * 60_000).toUTCString(),
  }));
}

/** An older, unrelated item the feed already carried when wirewatch first polled it. */
export const seedItem: WireItem = {
  title: 'EU foreign ministers meet in Brussels',
  guid: 'wire-seed-1',
  link: 'https://wire.example/eu/ministers',
  description: 'Foreign ministers discussed trade and enlargement.',
  pubDate: new Date(Date.UTC(2025, 7, 1, 9)).toUTCString(),
};
