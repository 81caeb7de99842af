// The synthesis in one import: the numbers (compute), their JSON schema, and the CSV and Markdown downloads.
export { type SynthesisInput, type SynthesisSession, summariseRatings, synthesise } from './compute';
export { synthesisCsv } from './csv';
export { kindLabels, roleLabels } from './labels';
export { escapeMarkdown, synthesisMarkdown } from './markdown';
export {
  FeedbackSynthesis,
  type Quote,
  type RatingDistribution,
  type RatingSummary,
  type ResponseRate,
} from './schema';
