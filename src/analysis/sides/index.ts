export { findBlindspots, MIN_BLINDSPOT_REPORTS, type Blindspot, type StoryReports } from './blindspots.js';
export { countBadges, countBySide, coverageLine, coverageOfOutlets, resolvePerspective, sideBadge, type SideCount } from './coverage.js';
export { groupBySide, type SideGroup, type SideReport } from './group.js';
export { DEFAULT_PERSPECTIVE, type Perspective } from './types.js';
