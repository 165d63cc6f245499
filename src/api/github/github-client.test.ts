import { describe, expect, it } from "vitest";
import { z } from "../../core/zod-mini";
import { createGithubClient, GithubError } from "./github-client";
import { memoryStore } from "./key-value-store";

interface Call {
  url: string;
  headers: Record<string, string>;
}

/** A fetch that answers from a list of recorded responses and notes what was asked. */
function recordedFetch(answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({ url: String(input), headers: { ...(init?.headers as Record<string, string>) } });
    const next = answers.shift();
    if (!next) throw new Error("no more recorded answers");
    if (next instanceof Error) throw next;
    return next;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls };
}

const json = (body: unknown, init: ResponseInit = {}) =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), { status: 200, ...init });
const schema = z.object({ tag_name: z.string() });
const url = "http://api.test/repos/flatcar/sysext-bakery/releases/tags/kubernetes";

async function problemOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GithubError);
  return (error as GithubError).problem;
}

describe("createGithubClient", () => {
  it("sends the stored ETag and reuses the stored body on 304", async () => {
    const store = memoryStore();
    const { fetch, calls } = recordedFetch([
      json({ tag_name: "kubernetes", extra: "dropped" }, { headers: { etag: '"abc"' } }),
      new Response(null, { status: 304, headers: { etag: '"abc"' } }),
    ]);
    const client = createGithubClient({ apiBase: "http://api.test", fetch, store });
    const first = await client.get(url, schema);
    expect(first).toMatchObject({ data: { tag_name: "kubernetes" }, notModified: false });
    expect(calls[0]?.headers["If-None-Match"]).toBeUndefined();
    const second = await client.get(url, schema);
    expect(calls[1]?.headers["If-None-Match"]).toBe('"abc"');
    expect(second).toMatchObject({ data: { tag_name: "kubernetes" }, notModified: true });
  });

  it("remembers a rate limit and asks nothing until it resets", async () => {
    let now = 1_000_000;
    const store = memoryStore();
    const { fetch, calls } = recordedFetch([
      json('{"message":"API rate limit exceeded"}', {
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1600" },
      }),
      json({ tag_name: "kubernetes" }),
    ]);
    const client = createGithubClient({ apiBase: "", fetch, store, now: () => now });
    expect(await problemOf(client.get(url, schema))).toEqual({
      kind: "rate-limit",
      retryAt: 1_600_000,
    });
    expect(await problemOf(client.get(url, schema))).toEqual({
      kind: "rate-limit",
      retryAt: 1_600_000,
    });
    expect(calls).toHaveLength(1);
    now = 1_600_001;
    await expect(client.get(url, schema)).resolves.toMatchObject({
      data: { tag_name: "kubernetes" },
    });
  });

  it("asks again at once after clearRateLimit (the Refresh button)", async () => {
    const store = memoryStore();
    const { fetch, calls } = recordedFetch([
      json("{}", { status: 429, headers: { "retry-after": "120" } }),
      json({ tag_name: "kubernetes" }),
    ]);
    const client = createGithubClient({ apiBase: "", fetch, store });
    expect((await problemOf(client.get(url, schema))).kind).toBe("rate-limit");
    client.clearRateLimit();
    await client.get(url, schema);
    expect(calls).toHaveLength(2);
  });

  it("classifies network failures, server errors, bad JSON and a wrong shape", async () => {
    const { fetch } = recordedFetch([
      new TypeError("Failed to fetch"),
      json("<html>", { status: 503 }),
      json("{not json"),
      json({ tag_name: 42 }),
    ]);
    const client = createGithubClient({ apiBase: "", fetch });
    expect(await problemOf(client.get(url, schema))).toEqual({ kind: "network" });
    expect(await problemOf(client.get(url, schema))).toEqual({ kind: "server", status: 503 });
    expect((await problemOf(client.get(url, schema))).kind).toBe("malformed");
    expect(await problemOf(client.get(url, schema))).toMatchObject({
      kind: "malformed",
      detail: expect.stringContaining("tag_name") as unknown,
    });
  });

  it("gives up on a request that takes longer than its time limit", async () => {
    const slowFetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      })) as typeof globalThis.fetch;
    const client = createGithubClient({ apiBase: "", fetch: slowFetch, timeoutMs: 50 });
    expect(await problemOf(client.get(url, schema))).toEqual({ kind: "timeout", seconds: 0.05 });
  });
});
