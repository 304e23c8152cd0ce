/**
 * `aivvm-rx/angular`: Aivvm for Angular (20 and 21). `provideAivvm(config)` gives an injectable `AivvmService`
 * whose `chat()` exposes a streamed answer as signals; `completionResource(request)` is the same as an Angular
 * resource (on `rxResource`), and `appendTo(element, text)` renders a growing answer append-only. Text updates are
 * coalesced per animation frame and cancellation is tied to `DestroyRef`. `@angular/core` is an optional peer
 * dependency: only this entry needs it.
 *
 * @example
 * ```ts
 * import { provideAivvm, completionResource } from 'aivvm-rx/angular';
 *
 * bootstrapApplication(App, { providers: [provideZonelessChangeDetection(), provideAivvm({ baseURL: location.origin })] });
 * // in a component:
 * readonly asked = signal<CompletionRequest | undefined>(undefined);
 * readonly answer = completionResource(() => this.asked()); // answer.text(), answer.status(), answer.error()
 * ```
 *
 * @packageDocumentation
 */
export { AivvmService } from './AivvmService';
export type { AivvmAngularConfig, AivvmChat, ChatOptions, ChatStatus } from './AivvmService';
export type { ChatProvider } from './ChatProvider';
export { AIVVM_CONFIG, provideAivvm } from './provideAivvm';
export type { Coalesce } from './coalesce';
export { injectConversation } from './injectConversation';
export type { ConversationSignals, InjectConversationOptions } from './injectConversation';
export { completionResource } from './completionResource';
export type { AnswerSignals } from './answerParts';
export { jsonResource } from './jsonResource';
export type { JsonResource, JsonResourceItem, JsonResourceOptions } from './jsonResource';
export type { CompletionRequest, CompletionResource, CompletionResourceOptions } from './completionResource';
export { appendTo } from './appendTo';
export type { AppendTarget, AppendToOptions } from './appendTo';
export { splitBlocks } from './splitBlocks';
export type { TextBlock } from './splitBlocks';
