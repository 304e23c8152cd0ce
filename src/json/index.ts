/**
 * Structured output that streams: `streamJson` and its types.
 *
 * @packageDocumentation
 */
export { streamJson } from './streamJson';
export type {
  DeepPartial,
  ElementAtPath,
  FieldOf,
  JsonDone,
  JsonItem,
  JsonPartial,
  PartialsMode,
  StreamJsonEvent,
  StreamJsonOptions,
  TypeAtPath,
} from './types';
