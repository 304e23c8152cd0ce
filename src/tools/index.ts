/**
 * Tools as an Observable: `runTools`, the step loop of a model that calls functions.
 *
 * @packageDocumentation
 */
export { runTools } from './runTools';
export { defineTool } from './defineTool';
export { toolsComplete } from './toolsComplete';
export { DEFAULT_MAX_STEPS } from './checkRunToolsOptions';
export { ToolCallError } from '../errors';
export type { ToolCallErrorKind } from '../errors';
export type {
  Tool,
  Tools,
  ToolContext,
  ToolsProvider,
  RunToolsOptions,
  RunToolsEvent,
  ToolResultEvent,
  ToolErrorEvent,
  StepFinishEvent,
  RunFinishEvent,
} from './types';
