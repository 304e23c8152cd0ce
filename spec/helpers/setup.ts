// Shared jest setup: keep it tiny.
export {};
