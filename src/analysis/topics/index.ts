/** Topic matching: the rule language (schema), compiling rules once, matching items with explanations. */
export {
  topicsFileSchema,
  topicDefinitionSchema,
  termSchema,
  DEFAULT_FIELD_WEIGHTS,
  MAX_PROXIMITY,
  type Term,
  type TermGroup,
  type NearRule,
  type TopicRules,
  type FieldWeights,
  type ItemField,
  type TopicDefinition,
  type TopicDefinitionInput,
  type TopicsFile,
} from './schema.js';
export { compileTopics, type CompileTopicsResult, type TopicRuleError } from './compile.js';
export { TopicMatcher } from './matcher.js';
export type { TopicMatch, TopicExplanation, TopicStatus, SignalScore, TermHit } from './evaluate.js';
export type { MatchableItem } from './fields.js';
export { formatTopicErrors, topicErrorsFromZod } from './errors.js';
export { topicsFromJson, type TopicsFromJson } from './load.js';
export { capStoredExplanations, STORED_EXPLANATION_LIMITS } from './explanation-cap.js';
export {
  GUILD_TOPIC_LIMITS,
  TOPIC_BASE_COST,
  guildBudgetProblem,
  guildTopicCost,
  guildTopicProblems,
} from './guild-limits.js';
export { briefExplanation, explanationLine, storedExplanation } from './explanation-text.js';
