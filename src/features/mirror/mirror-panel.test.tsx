import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { defaultWizardState, type WizardState } from "../../core/config/wizard-state";
import { mirrorList, mirrorNodes } from "../../core/mirror/mirror-list";
import { mirrorScript } from "../../core/mirror/mirror-script";
import { MirrorContents } from "./mirror-contents";
import { MirrorPanel } from "./mirror-panel";

const mirrored: WizardState = {
  ...defaultWizardState("v1.36.2"),
  mode: "cluster",
  mirror: "https://mirror.example.com/flatcar",
  registry: "registry.example.com:5000",
};

// A string as React writes it in HTML: what a person reads.
const escaped = (text: string) =>
  text
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#x27;");

describe("the Mirror section", () => {
  it("starts collapsed without a mirror or a registry, and open with either", () => {
    const panel = (state: WizardState) =>
      renderToStaticMarkup(<MirrorPanel state={state} imageSha256={undefined} errors={{}} />);
    const detailsTag = (html: string) => /<details[^>]*>/.exec(html)?.[0] ?? "";
    expect(detailsTag(panel(defaultWizardState("v1.36.2")))).not.toContain("open");
    expect(
      detailsTag(panel({ ...defaultWizardState("v1.36.2"), registry: "r.example" })),
    ).toContain("open");
    expect(detailsTag(panel(mirrored))).toContain("open");
  });

  it("says which typed field is not valid yet and that the list uses upstream for it", () => {
    const html = renderToStaticMarkup(
      <MirrorPanel
        state={defaultWizardState("v1.36.2")}
        imageSha256={undefined}
        errors={{ mirror: "Download mirror: not a URL" }}
      />,
    );
    expect(html).toContain("Download mirror is not valid yet");
    expect(html).toContain("uses upstream until it is corrected");
  });

  it("shows every file and image of the core's list for the whole cluster, and its script", () => {
    const sha = "a".repeat(64);
    const html = renderToStaticMarkup(<MirrorContents state={mirrored} imageSha256={sha} />);
    const list = mirrorList(mirrorNodes(mirrored), { imageSha256: sha });
    expect(list.files.length).toBeGreaterThan(2);
    for (const file of list.files) expect(html).toContain(escaped(file.url));
    for (const image of list.images) {
      expect(html).toContain(escaped(image.mirrored));
      expect(html).toContain(escaped(image.image));
    }
    for (const note of list.notes) expect(html).toContain(escaped(note));
    expect(html).toContain(`<code>${sha}</code>`);
    expect(html).toContain(`>${escaped(mirrorScript(list))}</pre>`);
  });
});
