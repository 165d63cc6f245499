import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { clusterShareQuery, decodePreset } from "../config/preset";
import { readClusterLink } from "./cluster-link";

const catalogue = embeddedCatalogue();
const made = "mode=cluster&k8s=v1.35&control-planes=3&workers=2&endpoint=10.0.0.100:6443";

describe("reading a cluster's share link for an upgrade", () => {
  it("reads a full address, a ?query and a bare query alike, in mode=upgrade", () => {
    for (const text of [
      `https://wizard.example.com/flatcar/?${made}#preview`,
      `?${made}`,
      `  ${made}\n`,
    ]) {
      const read = readClusterLink(text, catalogue);
      expect(read.ok).toBe(true);
      if (!read.ok) continue;
      expect(read.preset.state.mode).toBe("upgrade");
      expect(read.preset.state.kubernetesVersion).toBe("v1.35.6");
      expect(read.preset.state.controlPlanes).toBe("3");
      expect(read.preset.state.workers).toBe("2");
      expect(read.preset.state.controlPlaneEndpoint).toBe("10.0.0.100:6443");
    }
  });

  it("reads back the link a cluster records, with every choice", () => {
    const state = decodePreset(`${made}&cni=flannel&worker-name=node-{n}`, catalogue).state;
    const read = readClusterLink(clusterShareQuery(state), catalogue);
    expect(read.ok && read.preset.state).toEqual({ ...state, mode: "upgrade" });
  });

  it("passes on the notices of ignored parameters and keeps bad text values for their fields", () => {
    const read = readClusterLink(`${made}&colour=blue&hostname=Bad_Host`, catalogue);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.preset.notices.map((notice) => notice.param)).toEqual(["colour"]);
    expect(read.preset.typed.hostname).toBe("Bad_Host");
  });

  it("refuses what is not a cluster's link, naming the field and what is allowed", () => {
    const refusal = (text: string) => {
      const read = readClusterLink(text, catalogue);
      expect(read.ok).toBe(false);
      return read.ok ? "" : read.message;
    };
    expect(refusal("hello world")).toMatch(
      /^The cluster's share link: no wizard choices in it\. Allowed: .*README\.md.*cluster-secrets\.json/,
    );
    expect(refusal("mode=cluster&workers=2")).toContain("it has no k8s=");
    expect(refusal("mode=cluster&k8s=v1.29.1")).toContain("k8s=v1.29.1 is not a version");
    expect(refusal("mode=join&k8s=v1.35")).toContain(
      'the link of "A worker for an existing cluster" (mode=join), not of a cluster',
    );
    expect(refusal("k8s=v1.35&role=control-plane")).toContain("(mode=node)");
  });
});
