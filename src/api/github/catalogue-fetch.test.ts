import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../../core/catalogue/catalogue";
import { fetchLiveIndex, fetchRelease } from "./catalogue-fetch";
import type { GithubError } from "./github-client";
import { createGithubClient } from "./github-client";

const fixtures = path.resolve(__dirname, "../../core/catalogue/fixtures");
const recorded = (name: string) => readFileSync(path.join(fixtures, name), "utf8");
const base = "http://api.test";
const releases = `${base}/repos/flatcar/sysext-bakery/releases`;
const known = embeddedCatalogue().releases;

/** Serves recorded bodies by URL; anything else is a 404. */
function server(routes: Record<string, { body: string; link?: string }>) {
  const asked: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    asked.push(String(input));
    const route = routes[String(input)];
    if (!route) return new Response('{"message":"Not Found"}', { status: 404 });
    return new Response(route.body, { headers: route.link ? { link: route.link } : {} });
  }) as typeof globalThis.fetch;
  return { client: createGithubClient({ apiBase: base, fetch }), asked };
}

describe("fetchLiveIndex", () => {
  it("reads the version list from the metadata release alone: one request", async () => {
    const { client, asked } = server({
      [`${releases}/tags/kubernetes`]: { body: recorded("metadata-release.json") },
    });
    const index = await fetchLiveIndex(client, known);
    expect(asked).toEqual([`${releases}/tags/kubernetes`]);
    expect(index.assetsComplete).toBe(false);
    expect(index.releases[0]?.version).toBe("v1.37.0");
    expect(index.releases).toHaveLength(62);
  });

  it("falls back to every page of the list when the body lists nothing", async () => {
    const page2 = `${releases}?per_page=100&page=2`;
    const { client, asked } = server({
      [`${releases}/tags/kubernetes`]: { body: recorded("metadata-release-unlisted.json") },
      [`${releases}?per_page=100`]: {
        body: recorded("release-list-page-1.json"),
        link: `<${page2}>; rel="next"`,
      },
      [page2]: { body: recorded("release-list-page-2.json") },
    });
    const index = await fetchLiveIndex(client, known);
    expect(asked).toHaveLength(3);
    expect(index.assetsComplete).toBe(true);
    // Drafts, prereleases, k3s, docker-compose, vault and the metadata release are not versions.
    expect(index.releases.map((r) => r.version)).toEqual(["v1.37.0", "v1.36.2", "v1.32.2"]);
    expect(index.releases[0]?.sha256).toEqual({ arm64: "3f".repeat(32) });
  });

  it("falls back to the list when the metadata release is gone, and reports an empty list", async () => {
    const { client } = server({ [`${releases}?per_page=100`]: { body: "[]" } });
    const error = await fetchLiveIndex(client, known).catch((caught: unknown) => caught);
    expect((error as GithubError).problem).toEqual({ kind: "empty" });
  });
});

describe("fetchRelease", () => {
  it("gives the version's arches and digests", async () => {
    const { client } = server({
      [`${releases}/tags/kubernetes-v1.37.0`]: {
        body: recorded("release-kubernetes-v1.37.0.json"),
      },
    });
    expect(await fetchRelease(client, "v1.37.0")).toEqual({
      version: "v1.37.0",
      minor: "v1.37",
      publishedAt: "2025-04-10T10:14:28Z",
      arches: ["x86-64"],
      sha256: { "x86-64": "3f".repeat(32) },
    });
  });

  it("refuses another release's answer", async () => {
    const { client } = server({
      [`${releases}/tags/kubernetes-v1.36.2`]: {
        body: recorded("release-kubernetes-v1.37.0.json"),
      },
    });
    await expect(fetchRelease(client, "v1.36.2")).rejects.toThrow(/is not kubernetes-v1.36.2/);
  });
});
