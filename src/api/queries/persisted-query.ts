import type { z } from "../../core/zod-mini";
import type { KeyValueStore } from "../github/key-value-store";

/**
 * A small persister for one query at a time: the last good answer and when it came, so a
 * reload inside the cache window shows it at once and asks GitHub nothing. Anything stored
 * is validated again on the way out (an older app version may have written it).
 */
export interface Persisted<T> {
  /** The stored answer, if valid and younger than maxAge. */
  read(): { data: T; updatedAt: number } | undefined;
  write(data: T, updatedAt: number): void;
}

export function persisted<T>(
  store: KeyValueStore,
  key: string,
  schema: z.ZodMiniType<T>,
  maxAge: number,
  now: () => number = Date.now,
): Persisted<T> {
  const storeKey = `query:${key}`;
  return {
    read() {
      try {
        const entry = JSON.parse(store.get(storeKey) ?? "null") as {
          data: unknown;
          updatedAt: unknown;
        } | null;
        if (!entry || typeof entry.updatedAt !== "number") return undefined;
        if (now() - entry.updatedAt > maxAge) return undefined;
        const parsed = schema.safeParse(entry.data);
        return parsed.success ? { data: parsed.data, updatedAt: entry.updatedAt } : undefined;
      } catch {
        return undefined;
      }
    },
    write(data, updatedAt) {
      store.set(storeKey, JSON.stringify({ data, updatedAt }));
    },
  };
}
