import { encodePreset } from "../config/preset";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { defaultWizardState } from "../config/wizard-state";
import { nodeReadiness } from "../readiness/readiness";
import { renderNode } from "../render/render-node";
import { nodeBundle, zipBundle } from "./node-bundle";

describe("node bundle", () => {
  const state = { ...defaultWizardState("v1.32.2"), hostname: "cp-1" };
  const rendered = renderNode(state);

  it("holds every offered file and a README that says how to boot", () => {
    const files = nodeBundle(state, rendered.files);
    expect(files.map((f) => f.path)).toEqual([
      "config.bu",
      "kubernetes-v1.32.conf",
      "noop.conf",
      "config.ign",
      "README.md",
    ]);
    const readme = files.at(-1)?.contents ?? "";
    expect(readme).toContain("control plane, Kubernetes v1.32.2 (x86-64)");
    expect(readme).toContain(`## The link that made it\n\n    ${encodePreset(state)}\n`);
    expect(readme).toContain("flatcar-install -d /dev/sda -i config.ign");
    expect(readme).toContain(
      "`kubernetes-v1.32.conf` — on the node at `/etc/sysupdate.kubernetes.d/kubernetes-v1.32.conf`",
    );
  });

  it("zips them byte for byte, the same bytes every time", () => {
    const files = nodeBundle(state, rendered.files);
    const zip = zipBundle(files);
    const unzipped = unzipSync(zip);
    for (const file of files)
      expect(strFromU8(unzipped[file.path] as Uint8Array)).toBe(file.contents);
    expect(zipBundle(files)).toEqual(zip);
  });

  it("saved although not ready: the README says so first, lists the fix, and claims no join it lacks", () => {
    const worker = {
      ...defaultWizardState("v1.32.2"),
      role: "worker" as const,
      bootstrap: "manual" as const,
      controlPlaneEndpoint: "10.0.0.10:6443",
    };
    const incomplete = renderNode(worker);
    const readiness = nodeReadiness({
      state: worker,
      fieldErrors: {},
      catalogue: embeddedCatalogue(),
      hasSecrets: false,
      rendered: incomplete,
    });
    const readme = nodeBundle(worker, incomplete.files, readiness).at(-1)?.contents ?? "";
    expect(readme).toMatch(/^# Flatcar Kubernetes node: worker.*\n\n## NOT READY TO BOOT\n/);
    expect(readme).toContain(
      "- Join token is not set: the worker has no kubeadm join until it is.",
    );
    expect(readme).toContain("- CA cert hash is not set");
    expect(readme).toContain("This config has no `kubeadm join`");
    expect(readme).not.toContain("`kubeadm join` runs once");
  });
});
