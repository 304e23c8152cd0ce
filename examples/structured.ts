/**
 * Structured output that streams: the local server answers with a JSON list of 50 products, a few bytes at a time;
 * `streamJson` checks each product with its io-ts codec the moment it closes, and it is printed at once. One product
 * is wrong on purpose (a price as text): it arrives as a `Left` naming the field.
 * Run: npx tsx examples/structured.ts
 */
import { either as E } from 'fp-ts';
import * as t from 'io-ts';
import { createAivvm, streamJson } from '../src';
import { startAivvmServer } from '../src/testing';

const Product = t.type({
  id: t.number,
  name: t.string,
  price: t.number,
  tags: t.array(t.string),
});
const Catalogue = t.type({ title: t.string, products: t.array(Product) });

/** What a model would answer: 50 products; the 38th has its price as a string. */
function answer(): string {
  const names = ['Teapot', 'Чайник', 'ティーポット', 'Théière', 'Tetera'];
  const products = Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    name: `${names[i % names.length] ?? ''} ${i + 1}`,
    price: i === 37 ? 'twelve' : Math.round(((i * 7) % 40) * 100 + 499) / 100,
    tags: i % 3 === 0 ? ['new'] : [],
  }));
  return JSON.stringify({ title: 'Catalogue 🫖', products }, null, 2);
}

async function main(): Promise<void> {
  const server = await startAivvmServer({ reply: { text: answer(), chunkSize: [1, 3, 7] } });
  const aivvm = createAivvm({ baseURL: process.env['AIVVM_BASE_URL'] ?? server.url });
  let partials = 0;
  let valid = 0;

  aivvm
    .createCompletion('gpt-3.5-turbo', [{ role: 'user', content: 'List 50 teapots as JSON.' }], true)
    .pipe(streamJson(Catalogue, { items: ['products'] }))
    .subscribe({
      next: (event) => {
        if (event.type === 'partial')
          partials++; // the whole value so far: what a UI would render
        else if (event.type === 'item') {
          if (E.isRight(event.value)) {
            const product = event.value.right;
            valid++;
            console.log(`✓ ${product.id} ${product.name}: ${product.price.toFixed(2)} €`);
          } else {
            const issue = event.value.left.issues[0];
            console.log(
              `✗ product ${event.index + 1}: ${issue?.path} expected ${issue?.expected}, got ${issue?.actual}`,
            );
          }
        } else {
          console.log(
            `done: ${valid} valid products; the whole answer ${E.isRight(event.value) ? 'matches' : 'does not match'}`,
          );
          console.error(`(${partials} partial values on the way)`);
        }
      },
      error: (error: unknown) => console.error('failed:', error),
      complete: () => void server.close(),
    });
}

void main();
