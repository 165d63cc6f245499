/** The little the GitHub client and the query cache need from storage. */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

export function memoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

/**
 * localStorage when the browser allows it; a private window or a full quota must never
 * break the page, so every failure degrades to "not cached".
 */
export function browserStore(prefix = "fkw:"): KeyValueStore {
  const storage = (() => {
    try {
      return typeof localStorage === "undefined" ? null : localStorage;
    } catch {
      return null;
    }
  })();
  if (!storage) return memoryStore();
  return {
    get: (key) => {
      try {
        return storage.getItem(prefix + key);
      } catch {
        return null;
      }
    },
    set: (key, value) => {
      try {
        storage.setItem(prefix + key, value);
      } catch {
        // Quota or privacy mode: the next visit asks GitHub again, nothing worse.
      }
    },
    remove: (key) => {
      try {
        storage.removeItem(prefix + key);
      } catch {
        // As above.
      }
    },
  };
}
