import { describe, expect, it } from "vitest";
import { z } from "../../core/zod-mini";
import { GithubError } from "../github/github-client";
import { memoryStore } from "../github/key-value-store";
import { persisted, retryDelay, retryServerErrors } from "./persisted-query";

describe("persisted", () => {
  const schema = z.object({ versions: z.array(z.string()) });

  it("gives back what was written, with its time, inside maxAge only", () => {
    let now = 1000;
    const store = memoryStore();
    const cache = persisted(store, "k", schema, 500, () => now);
    expect(cache.read()).toBeUndefined();
    cache.write({ versions: ["v1.36.2"] }, 1000);
    now = 1400;
    expect(cache.read()).toEqual({ data: { versions: ["v1.36.2"] }, updatedAt: 1000 });
    now = 1600;
    expect(cache.read()).toBeUndefined();
  });

  it("ignores what it cannot read: garbage, or another version's shape", () => {
    const store = memoryStore();
    const cache = persisted(store, "k", schema, 500, () => 0);
    store.set("query:k", "{garbage");
    expect(cache.read()).toBeUndefined();
    store.set("query:k", JSON.stringify({ data: { versions: 3 }, updatedAt: 0 }));
    expect(cache.read()).toBeUndefined();
  });
});

describe("retry policy", () => {
  it("retries a server error twice with growing delays, nothing else", () => {
    const server = new GithubError({ kind: "server", status: 502 });
    expect([0, 1, 2].map((count) => retryServerErrors(count, server))).toEqual([true, true, false]);
    expect(retryServerErrors(0, new GithubError({ kind: "rate-limit" }))).toBe(false);
    expect(retryServerErrors(0, new GithubError({ kind: "network" }))).toBe(false);
    expect([0, 1].map(retryDelay)).toEqual([1000, 2000]);
  });
});
