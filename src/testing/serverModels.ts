/**
 * What the local server answers on `POST /api/models` when not told otherwise: the models the Aivvm service lists,
 * in its order. A copy of the client's table (`src/protocols/aivvm/modelTable.ts`), not an import of it: the server
 * stands for someone else's service and must not depend on the client, and a change of the client's table must not
 * silently change what the server says. `spec/testing/serverModels.spec.ts` holds the two equal.
 */
export const serverModels: readonly { readonly id: string; readonly name: string }[] = [
  { id: 'gpt-3.5-turbo', name: 'GPT-3.5' },
  { id: 'gpt-3.5-turbo-0613', name: 'GPT-3.5-0613' },
  { id: 'gpt-3.5-turbo-16k', name: 'GPT-3.5-16K' },
  { id: 'gpt-3.5-turbo-16k-0613', name: 'GPT-3.5-16K-0613' },
  { id: 'gpt-4', name: 'GPT-4' },
  { id: 'gpt-4-0613', name: 'GPT-4-0613' },
  { id: 'gpt-4-32k', name: 'GPT-4-32K' },
  { id: 'gpt-4-32k-0613', name: 'GPT-4-32K-0613' },
];
