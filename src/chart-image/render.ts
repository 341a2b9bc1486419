/**
 * Renders a Vega-Lite spec to a PNG, offline: vega-lite compiles it to Vega, vega's headless View draws it as SVG,
 * resvg rasterises the SVG with the DejaVu fonts the `dejavu-fonts-ttf` package ships (no system fonts are read, so
 * the picture is the same in Docker, CI and on a laptop). vega and vega-lite are loaded with the first chart.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT_FAMILY } from '../charts/timeline-spec.js';

const FONT_FOLDER = join(dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
/** Regular for labels, bold for titles: the two faces the chart uses. */
const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((file) => join(FONT_FOLDER, file));

interface Libraries {
  vega: typeof import('vega');
  compile: (typeof import('vega-lite'))['compile'];
  /** The `Set.prototype.toJSON` vega-lite defines, applied only while it compiles. */
  setToJson: PropertyDescriptor | undefined;
}

let libraries: Promise<Libraries> | null = null;

/**
 * Importing vega-lite defines `Set.prototype.toJSON` for the whole process (it hashes specs with JSON.stringify).
 * That changes how every Set serialises and breaks discord.js's inspect helper when it is loaded afterwards, so the
 * prototype is put back as it was and vega-lite's definition is lent to it only for the length of a compile.
 */
function loadLibraries(): Promise<Libraries> {
  libraries ??= (async () => {
    const before = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
    const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
    const setToJson = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
    restoreSetToJson(before);
    return { vega, compile: vegaLite.compile, setToJson };
  })();
  return libraries;
}

function restoreSetToJson(descriptor: PropertyDescriptor | undefined): void {
  if (descriptor) Object.defineProperty(Set.prototype, 'toJSON', descriptor);
  else Reflect.deleteProperty(Set.prototype, 'toJSON');
}

/** The spec drawn as an SVG document. */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, compile, setToJson } = await loadLibraries();
  const before = Object.getOwnPropertyDescriptor(Set.prototype, 'toJSON');
  if (setToJson) Object.defineProperty(Set.prototype, 'toJSON', setToJson);
  let compiled;
  try {
    compiled = compile(spec).spec;
  } finally {
    restoreSetToJson(before);
  }
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The spec drawn as a PNG, at the size the spec lays itself out to. */
export async function renderChartPng(spec: TopLevelSpec): Promise<Buffer> {
  const svg = await renderChartSvg(spec);
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles: FONT_FILES, defaultFontFamily: CHART_FONT_FAMILY },
    fitTo: { mode: 'original' },
  });
  return resvg.render().asPng();
}
