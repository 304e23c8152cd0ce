// The root tsconfig resolves modules the Node 10 way, which ignores package `exports`: these two entry points
// of Angular's exist only there. Map them to their declaration files (jest resolves the code through `exports`).
declare module '@angular/core/testing' {
  export * from '@angular/core/types/testing';
}
declare module '@angular/platform-browser/testing' {
  export * from '@angular/platform-browser/types/testing';
}
declare module '@angular/core/primitives/signals' {
  export * from '@angular/core/types/primitives-signals';
}
