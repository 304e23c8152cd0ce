/**
 * The example app's entry: Angular in JIT mode (the compiler is imported first, templates are inline), zoneless,
 * talking to the Aivvm server that served the page (or to `?api=http://host:port`, which must answer CORS);
 * `?protocol=openai` speaks the OpenAI-compatible protocol to `{api}/v1` instead (reasoning, refusals, finish
 * reasons are shown); `?provider=relay` reads the answers from the relay at `{api}/api/relay` (createRelay, which
 * holds the key: the page only ever sees a stream id and its token), resuming a dropped connection where it broke.
 *
 * Build: `npx tsx examples/angular/serve.ts` builds it and serves it with a local Aivvm server and the relay.
 */
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { createOpenAICompatible, createRelayProvider } from '../../src';
import { provideAivvm } from '../../src/angular';
import { ChatComponent } from './chat.component';
import { warmMarkdown } from './warmMarkdown';

const query = new URLSearchParams(location.search);
const api = query.get('api') ?? location.origin;
const aivvm =
  query.get('provider') === 'relay'
    ? // A relay has no model list: the server may ask for its own model whatever the page picks.
      provideAivvm({ provider: createRelayProvider({ baseURL: `${api}/api/relay`, models: ['llama3.2'] }) })
    : query.get('protocol') === 'openai'
      ? provideAivvm({ provider: createOpenAICompatible({ baseURL: `${api}/v1` }) })
      : provideAivvm({ baseURL: api });

bootstrapApplication(ChatComponent, {
  providers: [provideZonelessChangeDetection(), aivvm],
})
  // Markdown's one-time costs, paid while the page is idle; the attribute tells the specs it is done.
  .then(() => warmMarkdown())
  .then(() => document.documentElement.setAttribute('data-markdown', 'warm'))
  .catch((error: unknown) => {
    document.body.textContent = `The app failed to start: ${String(error)}`;
  });
