/**
 * `aivvm-rx/angular`: Aivvm for Angular (20 and 21). `provideAivvm(config)` gives an injectable `AivvmService`
 * whose `chat()` exposes a streamed answer as signals, with coalesced text updates and cancellation tied to
 * `DestroyRef`. `@angular/core` is an optional peer dependency: only this entry needs it.
 *
 * @example
 * ```ts
 * import { provideAivvm, AivvmService } from 'aivvm-rx/angular';
 *
 * bootstrapApplication(App, { providers: [provideZonelessChangeDetection(), provideAivvm({ baseURL: location.origin })] });
 * // in a component:
 * readonly answer = inject(AivvmService).chat('gpt-4', [{ role: 'user', content: 'Hi' }]);
 * ```
 *
 * @packageDocumentation
 */
export { AivvmService } from './AivvmService';
export type { AivvmAngularConfig, AivvmChat, ChatOptions, ChatStatus } from './AivvmService';
export { AIVVM_CONFIG, provideAivvm } from './provideAivvm';
export type { Coalesce } from './coalesce';
export { completionResource } from './completionResource';
export type { CompletionRequest, CompletionResource, CompletionResourceOptions } from './completionResource';
export { appendTo } from './appendTo';
export type { AppendTarget, AppendToOptions } from './appendTo';
export { splitBlocks } from './splitBlocks';
export type { TextBlock } from './splitBlocks';
