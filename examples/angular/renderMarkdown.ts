import DOMPurify from 'dompurify';
import { marked } from 'marked';

/**
 * One markdown block as sanitised DOM: `marked` turns it into HTML, DOMPurify removes scripts, event handlers
 * and `javascript:` URLs before anything reaches the page. A model's answer is untrusted input.
 */
export function renderMarkdown(block: string): DocumentFragment {
  const html = marked.parse(block, { async: false, gfm: true });
  return DOMPurify.sanitize(html, { RETURN_DOM_FRAGMENT: true });
}
