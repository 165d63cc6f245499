/** Reading decoded JSON or YAML values without trusting their shape. */
export type Obj = { [key: string]: unknown };
export const isObj = (v: unknown): v is Obj =>
  typeof v === "object" && v !== null && !Array.isArray(v);
/** A list, or none when the value is not one. */
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
