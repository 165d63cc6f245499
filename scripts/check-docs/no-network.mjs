/**
 * Loaded with `node --import` before a docs example's CLI: the examples run offline, on the
 * embedded catalogue, so a fetch is an error here rather than a slow or flaky success.
 */
globalThis.fetch = async (input) => {
  throw new Error(`docs examples run without network: fetch ${String(input)} refused`);
};
