// The root tsconfig resolves modules the Node 10 way, which ignores package `exports`: this entry of js-tiktoken's
// exists only there. Its declaration, as js-tiktoken ships it (dist/ranks/cl100k_base.d.ts).
declare module 'js-tiktoken/ranks/cl100k_base' {
  const encoder: { pat_str: string; special_tokens: Record<string, number>; bpe_ranks: string };
  export default encoder;
}
