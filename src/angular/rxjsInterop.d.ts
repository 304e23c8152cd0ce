// The root tsconfig resolves modules the Node 10 way, which ignores package `exports`: Angular's rxjs-interop
// entry exists only there. Map it to its declaration file (bundlers and jest resolve the code through `exports`).
declare module '@angular/core/rxjs-interop' {
  export * from '@angular/core/types/rxjs-interop';
}
