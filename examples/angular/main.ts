/**
 * The example app's entry: Angular in JIT mode (the compiler is imported first, templates are inline), zoneless,
 * talking to the Aivvm server that served the page (or to `?api=http://host:port`, which must answer CORS).
 *
 * Build: `npx tsx examples/angular/serve.ts` builds it and serves it with a local Aivvm server.
 */
import '@angular/compiler';
import { provideZonelessChangeDetection } from '@angular/core';
import { bootstrapApplication } from '@angular/platform-browser';
import { provideAivvm } from '../../src/angular';
import { ChatComponent } from './chat.component';
import { warmMarkdown } from './warmMarkdown';

const api = new URLSearchParams(location.search).get('api') ?? location.origin;

bootstrapApplication(ChatComponent, {
  providers: [provideZonelessChangeDetection(), provideAivvm({ baseURL: api })],
})
  // Markdown's one-time costs, paid while the page is idle; the attribute tells the specs it is done.
  .then(() => warmMarkdown())
  .then(() => document.documentElement.setAttribute('data-markdown', 'warm'))
  .catch((error: unknown) => {
    document.body.textContent = `The app failed to start: ${String(error)}`;
  });
