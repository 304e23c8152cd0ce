import type * as t from 'io-ts';
import { defer, type Observable } from 'rxjs';
import type { JsonObject } from '../../core/jsonValue';
import { streamJson } from '../../json/streamJson';
import type { StreamJsonEvent, StreamJsonOptions } from '../../json/types';
import type { OpenAICompatibleProvider } from './createOpenAICompatible';
import type { OpenAIMessage } from './messages';
import type { OpenAICompletionOptions } from './types';

/**
 * Options of {@link completeJson}: the codec that checks the answer, the JSON schema sent to the server (yours:
 * io-ts codecs are not turned into schemas), {@link StreamJsonOptions} (`items`, `partials`, `lenient`), and the
 * completion's options (all but `responseFormat`, which this sets).
 *
 * @example
 * ```ts
 * const options: CompleteJsonOptions<typeof City, 'sights'> = { codec: City, schema: citySchema, items: ['sights'] };
 * ```
 */
export interface CompleteJsonOptions<C extends t.Mixed, P extends string = never>
  extends StreamJsonOptions<P>, Omit<OpenAICompletionOptions, 'responseFormat'> {
  /** Checks every item as it closes and the whole answer at the end. */
  readonly codec: C;
  /** The JSON Schema of the answer, sent as `response_format.json_schema.schema`. */
  readonly schema: JsonObject;
  /** The schema's name (1 to 64 letters, digits, `_` or `-`). Default `'answer'`. */
  readonly name?: string;
  /** Ask the server to follow the schema exactly (`strict`). Default `true`. */
  readonly strict?: boolean;
}

/**
 * A structured answer that streams: sends `response_format: { type: 'json_schema', … }` with your schema and
 * returns {@link streamJson}'s events over the streamed text — partial values as they grow, each item of the
 * arrays named in `items` checked by `codec` the moment it closes, then the whole answer decoded. Cold, like every
 * completion: nothing is sent before subscribe, and unsubscribing aborts the request. A refusal or a content filter
 * ends it with `createCompletion`'s typed errors, after the partials that arrived.
 *
 * @example
 * ```ts
 * const City = t.type({ name: t.string, sights: t.array(t.type({ name: t.string, stars: t.number })) });
 * const schema = {
 *   type: 'object',
 *   properties: { name: { type: 'string' }, sights: { type: 'array', items: { type: 'object' } } },
 *   required: ['name', 'sights'],
 * };
 * completeJson(ai, 'gpt-4o', [{ role: 'user', content: 'Oslo in JSON' }], { codec: City, schema, items: ['sights'] })
 *   .subscribe((event) => event.type === 'item' && console.log(event.index, event.value));
 * ```
 */
export function completeJson<C extends t.Mixed, const P extends string = never>(
  provider: Pick<OpenAICompatibleProvider, 'createCompletion'>,
  model: string,
  messages: readonly OpenAIMessage[],
  options: CompleteJsonOptions<C, P>,
): Observable<StreamJsonEvent<C, P>> {
  return defer(() => {
    const {
      codec,
      schema,
      name = 'answer',
      strict = true,
      items,
      partials,
      lenient,
      scheduler,
      ...completion
    } = options;
    // Only the options given: exactOptionalPropertyTypes forbids passing `undefined` for an absent one.
    const json: StreamJsonOptions<P> = {
      ...(items !== undefined ? { items } : {}),
      ...(partials !== undefined ? { partials } : {}),
      ...(lenient !== undefined ? { lenient } : {}),
      ...(scheduler !== undefined ? { scheduler } : {}),
    };
    return provider
      .createCompletion(model, messages, true, {
        ...completion,
        responseFormat: { type: 'json_schema', json_schema: { name, schema, strict } },
      })
      .pipe(streamJson(codec, json));
  });
}
