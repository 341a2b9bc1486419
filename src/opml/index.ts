export { OPML_LIMITS, readOpml, type OpmlFeed, type OpmlReading } from './read.js';
export { writeOpml, type OpmlOutline } from './write.js';
