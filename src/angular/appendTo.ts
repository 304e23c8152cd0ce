import {
  assertInInjectionContext,
  effect,
  ElementRef,
  inject,
  Injector,
  type EffectRef,
} from '@angular/core';
import { splitBlocks } from './splitBlocks';

/**
 * Where {@link appendTo} renders: an element, or a function of one, read in the effect: a signal (e.g.
 * `viewChild('answer')`, followed when it changes) or a getter of a static `@ViewChild` (read when the text
 * changes). `undefined` until it exists.
 *
 * @example
 * ```ts
 * readonly answer = viewChild<ElementRef<HTMLElement>>('answer');
 * @ViewChild('out', { static: true }) out?: ElementRef<HTMLElement>; // target: () => this.out
 * ```
 */
export type AppendTarget = Element | (() => Element | ElementRef<Element> | undefined);

/**
 * Options of {@link appendTo}.
 *
 * @example
 * ```ts
 * appendTo(this.answer, () => chat.text(), { render: (block) => sanitizedMarkdown(block) });
 * ```
 */
export interface AppendToOptions {
  /**
   * Renders the text block by block: the blocks (see {@link splitBlocks}) finished since the last update are
   * rendered once, together, and only the last, open block is rendered again as it grows. Return DOM nodes you trust: sanitise markdown's
   * HTML (e.g. `DOMPurify.sanitize(marked.parse(block), { RETURN_DOM_FRAGMENT: true })`). Without it, the text
   * is appended as text nodes (never parsed as HTML).
   */
  readonly render?: (block: string) => Node;
  /** Required outside an injection context. The effect is destroyed with it. */
  readonly injector?: Injector;
}

/**
 * Renders a growing text into an element by appending only what is new, so that a long answer costs each frame
 * the size of what arrived, not of the whole text (re-rendering 200 KB every frame blocks the main thread for
 * seconds). When the text no longer continues what is shown (a new answer, or `''`), the element is emptied
 * and rendered afresh. The element's content belongs to this helper: leave it empty in the template.
 *
 * Plain text is added as text nodes; with `render`, text is cut into blocks at blank lines outside code
 * fences: the blocks finished since the last update are rendered once, together, into a new `<div>`, and the
 * open last block is re-rendered into its own `<div>`. At most two `render` calls per update, whatever arrived.
 *
 * @param target - the element, or a signal of it (`viewChild`).
 * @param text - reactive: the whole text so far, e.g. a `CompletionResource`'s `text` or an `AivvmChat`'s.
 * @param options - block rendering, and an injector outside an injection context.
 * @returns the effect; `destroy()` stops rendering.
 *
 * @example
 * ```ts
 * @Component({ template: '<div #answer></div>' })
 * class Answer {
 *   readonly answer = completionResource(() => this.asked());
 *   constructor() {
 *     appendTo(viewChild.required<ElementRef<HTMLElement>>('answer'), this.answer.text);
 *   }
 * }
 * ```
 */
export function appendTo(target: AppendTarget, text: () => string, options: AppendToOptions = {}): EffectRef {
  if (options.injector === undefined) assertInInjectionContext(appendTo);
  const injector = options.injector ?? inject(Injector);
  const { render } = options;
  let element: Element | undefined;
  let shown = '';
  // Block mode: where the open block starts in `shown`, and its wrapper.
  let openAt = 0;
  let open: Element | undefined;

  const reset = (next: Element | undefined): void => {
    element?.replaceChildren();
    element = next;
    shown = '';
    openAt = 0;
    open = undefined;
  };
  const wrap = (block: string): Element => {
    const div = document.createElement('div');
    div.append(render?.(block) ?? block);
    return div;
  };
  const appendBlocks = (into: Element, whole: string): void => {
    const { done, open: rest } = splitBlocks(whole.slice(openAt));
    const last = done[done.length - 1];
    if (last !== undefined) {
      // The blocks finished since the last update, rendered together (one call, one wrapper), once.
      const finished = wrap(whole.slice(openAt, openAt + last.end));
      if (open === undefined) into.append(finished);
      else into.insertBefore(finished, open);
      openAt += last.end;
    }
    if (rest === '') {
      open?.remove();
      open = undefined;
    } else if (open === undefined) {
      open = into.appendChild(wrap(rest));
    } else {
      open.replaceChildren(render?.(rest) ?? rest);
    }
  };

  return effect(
    () => {
      const found = typeof target === 'function' ? target() : target;
      const into = found instanceof ElementRef ? found.nativeElement : found;
      const whole = text();
      if (into !== element || !whole.startsWith(shown)) reset(into);
      if (into === undefined || whole.length === shown.length) return;
      if (render === undefined) into.append(whole.slice(shown.length));
      else appendBlocks(into, whole);
      shown = whole;
    },
    { injector },
  );
}
