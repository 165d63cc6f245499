import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { bulletFileNames, guideWalkthroughs } from "./guide-steps.ts";

const guide = readFileSync(
  path.resolve(import.meta.dirname, "../../docs/getting-started.md"),
  "utf8",
);

const walk = (steps: string, after = "") =>
  `# Guide\n\n## Try it\n\nIntro.\n\n${steps}\n${after}\n## Other\n\n\`\`\`sh\nnot this\n\`\`\`\n`;

describe("the getting-started guide's walk-throughs", () => {
  it("reads docs/getting-started.md: one node, then a cluster, each ending in a zip", () => {
    const walkthroughs = guideWalkthroughs(guide);
    expect(walkthroughs.map((w) => w.heading)).toEqual(["Boot one node", "Then a cluster"]);
    for (const walkthrough of walkthroughs) {
      expect(walkthrough.steps[0]?.action).toEqual({ kind: "open" });
      const zips = walkthrough.steps.filter(
        (step) => step.action.kind === "press" && step.action.download?.name.endsWith(".zip"),
      );
      expect(zips).toHaveLength(1);
      expect(walkthrough.readmeLines.length).toBeGreaterThan(0);
    }
  });

  it("reads each kind of step, a download's files, and the shell lines after the list", () => {
    const [only, ...rest] = guideWalkthroughs(
      walk(
        [
          "1. Open the page.",
          "2. Under **Role**, choose **Worker**.",
          "3. In **Hostname**, type `w-1`: a name.",
          "4. In **CNI**, choose **Flannel**.",
          "5. In **SSH keys**, paste your public key.",
          "6. Keep **Kubernetes version** as it is.",
          "7. Wait until **This node** says **Ready to boot**.",
          "8. Press **Download all (.zip)**. You get `node-<version>.zip`,",
          "   holding:",
          "   - `config.ign` and `config.bu`: the configs, not `this.txt`;",
          "   - `README.md`: how to boot.",
        ].join("\n"),
        "\n```sh\nsudo flatcar-install -i config.ign\n```\n\n```text\nignored\n```\n",
      ),
    );
    expect(rest).toEqual([]);
    expect(only?.steps.map((step) => step.action)).toEqual([
      { kind: "open" },
      { kind: "radio", group: "Role", option: "Worker" },
      { kind: "type", field: "Hostname", text: "w-1" },
      { kind: "select", field: "CNI", option: "Flannel" },
      { kind: "paste", field: "SSH keys" },
      { kind: "keep", field: "Kubernetes version" },
      { kind: "wait", whose: "This node", text: "Ready to boot" },
      {
        kind: "press",
        button: "Download all (.zip)",
        download: { name: "node-<version>.zip", files: ["config.ign", "config.bu", "README.md"] },
      },
    ]);
    expect(only?.readmeLines).toEqual(["sudo flatcar-install -i config.ign"]);
  });

  it("skips numbered lists that are not walk-throughs, and the guide's HTML comment", () => {
    const text = walk("1. Open the page.", "\n1. Boot the machine.\n2. Log in.\n");
    expect(guideWalkthroughs(`<!--\n1. Open the page.\n2. Fly.\n-->\n${text}`)).toHaveLength(1);
  });

  it("fails on a step the test cannot follow, a zip without files and a wrong number", () => {
    expect(() =>
      guideWalkthroughs(
        walk(
          [
            "1. Open the page.",
            "2. Click the big button.",
            "4. Press **Download cluster (.zip)**. You get `c.zip`.",
          ].join("\n"),
        ),
      ),
    ).toThrow(
      [
        'line 8, step 2 of "Try it": no step the browser test knows starts "Click the big button."',
        'line 9, step 4 of "Try it": numbered 4, expected 3',
        'line 9, step 4 of "Try it": the zip c.zip lists no files',
      ].join("\n"),
    );
  });

  it("takes a bullet's names only before its first colon outside backticks", () => {
    expect(bulletFileNames("`a:b` and `c`: then `d`")).toEqual(["a:b", "c"]);
  });
});
