import { describe, expect, it } from "vitest";
import {
  apiUrl,
  classifyResponse,
  describeProblem,
  isRetryable,
  nextPageUrl,
  parseMetadataBody,
  releasePath,
} from "./github-responses";
import { githubReleaseSchema } from "./releases";
import metadata from "./fixtures/metadata-release.json";
import unlisted from "./fixtures/metadata-release-unlisted.json";

const headers =
  (values: Record<string, string>) =>
  (name: string): string | null =>
    values[name] ?? null;

describe("parseMetadataBody", () => {
  it("reads every kubernetes-vX.Y.Z line of the metadata release, and nothing else", () => {
    const versions = parseMetadataBody(githubReleaseSchema.parse(metadata).body);
    expect(versions?.slice(0, 3)).toEqual(["v1.37.0", "v1.36.2", "v1.36.1"]);
    expect(versions).toHaveLength(62);
    // The rc and the k3s line are listed in the fixture's body but are not Kubernetes releases.
    expect(versions).not.toContain("v1.37.0-rc.1");
    expect(versions?.every((v) => /^v\d+\.\d+\.\d+$/.test(v))).toBe(true);
  });

  it("is null when the body lists no version, so the caller reads the release list instead", () => {
    expect(parseMetadataBody(githubReleaseSchema.parse(unlisted).body)).toBeNull();
    expect(parseMetadataBody("")).toBeNull();
    expect(parseMetadataBody(null)).toBeNull();
    expect(parseMetadataBody("kubernetes-v1.30.1 without a bullet")).toBeNull();
  });

  it("accepts CRLF line ends and '-' bullets, and drops duplicates", () => {
    expect(
      parseMetadataBody("* kubernetes-v1.30.1\r\n- kubernetes-v1.30.2\r\n* kubernetes-v1.30.1"),
    ).toEqual(["v1.30.1", "v1.30.2"]);
  });
});

describe("nextPageUrl", () => {
  it("finds rel=next among GitHub's links", () => {
    const link =
      '<https://api.github.com/repositories/1/releases?per_page=100&page=2>; rel="next", <https://api.github.com/repositories/1/releases?per_page=100&page=5>; rel="last"';
    expect(nextPageUrl(link)).toBe(
      "https://api.github.com/repositories/1/releases?per_page=100&page=2",
    );
  });

  it("is null on the last page or without a header", () => {
    expect(
      nextPageUrl('<https://x/?page=1>; rel="first", <https://x/?page=4>; rel="prev"'),
    ).toBeNull();
    expect(nextPageUrl(null)).toBeNull();
    expect(nextPageUrl("garbage")).toBeNull();
  });
});

describe("classifyResponse", () => {
  const now = Date.UTC(2026, 6, 16, 13, 0);

  it("reads the primary rate limit's reset time from 403 and 429", () => {
    const limited = headers({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": "1784207100" });
    expect(classifyResponse(403, limited, now)).toEqual({
      kind: "rate-limit",
      retryAt: 1784207100_000,
    });
    expect(classifyResponse(429, limited, now)).toEqual({
      kind: "rate-limit",
      retryAt: 1784207100_000,
    });
  });

  it("reads a secondary rate limit's retry-after", () => {
    expect(classifyResponse(403, headers({ "retry-after": "60" }), now)).toEqual({
      kind: "rate-limit",
      retryAt: now + 60_000,
    });
  });

  it("tells a plain 403 from a rate limit, and a server error from a client error", () => {
    expect(classifyResponse(403, headers({ "x-ratelimit-remaining": "12" }), now)).toEqual({
      kind: "http",
      status: 403,
    });
    expect(classifyResponse(404, headers({}), now)).toEqual({ kind: "http", status: 404 });
    const server = classifyResponse(502, headers({}), now);
    expect(server).toEqual({ kind: "server", status: 502 });
    expect(server && isRetryable(server)).toBe(true);
    expect(isRetryable({ kind: "rate-limit" })).toBe(false);
  });

  it("lets 2xx and 304 through", () => {
    expect(classifyResponse(200, headers({}), now)).toBeNull();
    expect(classifyResponse(304, headers({}), now)).toBeNull();
  });
});

describe("describeProblem and URLs", () => {
  it("words each problem for the status line", () => {
    expect(describeProblem({ kind: "rate-limit", retryAt: 1 })).toBe("GitHub rate limit");
    expect(describeProblem({ kind: "server", status: 503 })).toBe("GitHub server error (503)");
    expect(describeProblem({ kind: "network" })).toBe("GitHub unreachable");
    expect(describeProblem({ kind: "malformed", detail: "x" })).toBe(
      "unexpected answer from GitHub",
    );
    expect(describeProblem({ kind: "empty" })).toBe("GitHub listed no Kubernetes versions");
  });

  it("joins the configured base and a path", () => {
    expect(apiUrl("http://127.0.0.1:9/", releasePath("v1.32.2"))).toBe(
      "http://127.0.0.1:9/repos/flatcar/sysext-bakery/releases/tags/kubernetes-v1.32.2",
    );
  });
});
