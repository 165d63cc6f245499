/**
 * With mirror= and registry= set, the nodes of the first-boot matrix reach nothing but the
 * mirror, the registry and their own cluster; and `cli mirror`'s list (mirrorList) is exactly
 * what they reference.
 */
import { describe, expect, it } from "vitest";
import { embeddedCatalogue, findRelease } from "../../src/core/catalogue/catalogue.ts";
import { mirrorList, type MirrorList, type MirrorNode } from "../../src/core/mirror/mirror-list.ts";
import { registryHost } from "../../src/core/values/download-sources.ts";
import type { JsonObject } from "./ignition-json.ts";
import { simulatedNodes, type SimulatedNode } from "./matrix.ts";
import { nodeUrls } from "./node-urls.ts";

const catalogue = embeddedCatalogue();
const sources = [
  { mirror: "https://mirror.example.com/flatcar", registry: "registry.example.com:5000" },
  { mirror: "http://10.0.0.5:8080/", registry: "http://10.0.0.5:5000/mirror" },
];

/** Whether a URL is the registry's (with or without a path after its host). */
const onRegistry = (url: string, registry: string) =>
  registry !== "" && new RegExp(`^https?://${registryHost(registry)}(/|$)`).test(url);

/** The URLs of a node that lead outside the mirror, the registry and its own API endpoint. */
function outsideUrls(node: SimulatedNode, mirror: string, registry: string): string[] {
  const base = `${mirror.replace(/\/+$/, "")}/`;
  const endpoint = `https://${node.state.controlPlaneEndpoint}/`;
  return nodeUrls(JSON.parse(node.ignition) as JsonObject)
    .map(({ url, at }) => ({ url, at }))
    .filter(
      ({ url }) =>
        !url.startsWith(base) &&
        !onRegistry(url, registry) &&
        !(node.state.controlPlaneEndpoint !== "" && url.startsWith(endpoint)),
    )
    .map(({ url, at }) => `${url} (in ${at})`);
}

/** The matrix's node sets: each single node alone, each cluster's nodes together. */
function nodeSets(nodes: SimulatedNode[]): SimulatedNode[][] {
  const sets = new Map<string, SimulatedNode[]>();
  for (const node of nodes) {
    const key = node.cluster ?? node.name;
    sets.set(key, [...(sets.get(key) ?? []), node]);
  }
  return [...sets.values()];
}

/**
 * What the nodes fetch, as the list names it: a transfer's Source Path means its SHA256SUMS,
 * and a transfer file fetched from the mirror is read for its Source Path as the node would.
 */
function referencedUrls(set: SimulatedNode[], registry: string, list: MirrorList): Set<string> {
  const urls = new Set<string>();
  const add = (url: string) => urls.add(url.endsWith("/") ? `${url}SHA256SUMS` : url);
  for (const node of set) {
    for (const { url } of nodeUrls(JSON.parse(node.ignition) as JsonObject)) {
      if (onRegistry(url, registry)) continue;
      if (node.state.controlPlaneEndpoint && url.includes(`//${node.state.controlPlaneEndpoint}/`))
        continue;
      add(url);
      const served = list.files.find((file) => file.url === url)?.contents;
      for (const match of served?.matchAll(/https?:\/\/\S+/g) ?? []) add(match[0]);
    }
  }
  return urls;
}

describe.each(sources)("with mirror=$mirror and registry=$registry", ({ mirror, registry }) => {
  it("every URL in every node's files, units and sources is on the mirror, the registry or its own endpoint", async () => {
    const nodes = await simulatedNodes(catalogue, { mirror, registry });
    expect(nodes.length).toBeGreaterThan(10);
    for (const node of nodes) {
      expect(outsideUrls(node, mirror, registry), node.name).toEqual([]);
      const urls = nodeUrls(JSON.parse(node.ignition) as JsonObject).map(({ url }) => url);
      // The check saw what it vouches for: the image from the mirror, containerd's registry hosts.
      expect(
        urls.some((url) => url.includes("/kubernetes/kubernetes-v")),
        node.name,
      ).toBe(true);
      expect(
        urls.some((url) => url.includes(`//${registryHost(registry)}/v2/`)),
        node.name,
      ).toBe(true);
    }
  });

  it("the mirror list names exactly the URLs each node set references", async () => {
    const nodes = await simulatedNodes(catalogue, { mirror, registry });
    for (const set of nodeSets(nodes)) {
      const first = set[0] as SimulatedNode;
      const digest = findRelease(catalogue, first.state.kubernetesVersion)?.sha256[
        first.state.arch
      ];
      const list = mirrorList(
        set.map((node): MirrorNode => ({
          state: node.state,
          ...(node.controlPlaneIndex !== undefined ? { index: node.controlPlaneIndex } : {}),
        })),
        digest ? { imageSha256: digest } : {},
      );
      expect(new Set(list.files.map((file) => file.url)), first.cluster ?? first.name).toEqual(
        referencedUrls(set, registry, list),
      );
    }
  });
});

describe("without mirror= and registry= added to every row", () => {
  it("the same check finds the upstream hosts the nodes reach", async () => {
    const nodes = await simulatedNodes(catalogue);
    const outside = nodes.flatMap((node) =>
      outsideUrls(node, "https://mirror.example.com/flatcar", ""),
    );
    for (const host of [
      "extensions.flatcar.org",
      "raw.githubusercontent.com",
      "github.com/kubereboot",
      "github.com/flannel-io",
    ]) {
      expect(
        outside.some((url) => url.includes(`//${host}`)),
        host,
      ).toBe(true);
    }
  });

  it("the list still names exactly the URLs each node set references", async () => {
    const nodes = await simulatedNodes(catalogue);
    for (const set of nodeSets(nodes)) {
      const list = mirrorList(
        set.map((node) => ({
          state: node.state,
          ...(node.controlPlaneIndex !== undefined ? { index: node.controlPlaneIndex } : {}),
        })),
      );
      // The matrix's own mirrored cluster keeps its registry: its hosts.toml URLs are the registry's.
      const registry = set[0]?.state.registry ?? "";
      expect(new Set(list.files.map((file) => file.url))).toEqual(
        referencedUrls(set, registry, list),
      );
    }
  });
});
