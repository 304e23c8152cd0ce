/**
 * The example app's entry: Angular in JIT mode (the compiler is imported first, templates are inline), zoneless,
 * talking to the Aivvm server that served the page (or to `?api=http://host:port`, which must answer CORS);
 * `?protocol=openai` speaks the OpenAI-compatible protocol to `{api}/v1` instead (reasoning, refusals, finish
 * reasons are shown).
 *
 * Build: `npx tsx examples/angular/serve.ts` builds it and serves it with a local Aivvm server.
 */
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { createOpenAICompatible } from '../../src';
import { provideAivvm } from '../../src/angular';
import { ChatComponent } from './chat.component';
import { warmMarkdown } from './warmMarkdown';

const query = new URLSearchParams(location.search);
const api = query.get('api') ?? location.origin;
const aivvm =
  query.get('protocol') === 'openai'
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
