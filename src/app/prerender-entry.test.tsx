import { describe, expect, it } from "vitest";
import { renderNode } from "../core/render/render-node";
import { snapshotOn } from "./prerender-data";
import { prerenderDefaultPage } from "./prerender-entry";
import { decodePreset } from "../core/config/preset";

describe("prerenderDefaultPage", () => {
  const page = prerenderDefaultPage("2026-12-06");
  const data = JSON.parse(page.dataJson) as {
    today: string;
    node: { butane: string };
    nodeKey: string;
  };

  it("renders the form and the default node's config.bu, with the data to hydrate it", () => {
    const defaults = decodePreset("", snapshotOn("2026-12-06")).state;
    const node = renderNode(defaults, {
      imageSha256: snapshotOn("2026-12-06").recommended.sha256[defaults.arch],
    });
    expect(page.butane).toBe(node.butane);
    expect(data.node.butane).toBe(node.butane);
    expect(data.today).toBe("2026-12-06");
    expect(page.html).toContain('id="field-kubernetesVersion"');
    expect(page.html).toContain("variant: flatcar");
    expect(page.html).not.toContain("Preparing the preview");
    expect(page.formValues.kubernetesVersion).toBe(defaults.kubernetesVersion);
  });

  it("holds no secret: the cluster's CA is made in the browser", () => {
    expect(page.html).not.toMatch(/BEGIN (RSA |EC )?PRIVATE KEY|BEGIN CERTIFICATE/);
    expect(page.dataJson).not.toMatch(/PRIVATE KEY|BEGIN CERTIFICATE/);
  });

  it("is JSON safe inside a script element, and the status line is the snapshot's", () => {
    expect(page.dataJson).not.toContain("<");
    expect(page.statusHtml).toContain("offline snapshot from");
    expect(page.statusHtml).toContain("data-prerendered");
  });
});
