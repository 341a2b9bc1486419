export { StoryClusterer, type StoryAssignment, type StoryClustererOptions } from './clusterer.js';
export type { ClusterItem } from './features.js';
export { extractPlaces } from './places.js';
export { summarizeStoryMeta, type StoryMeta, type StoryMetaOptions, type StoryReport, type ReportQuote } from './story-meta.js';
