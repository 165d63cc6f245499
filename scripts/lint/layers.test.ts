/**
 * The layer rules hold: each test plants one forbidden import (or global) the way a change
 * might, runs ESLint or the core's TypeScript project on it, and expects the failure to name
 * the rule. Removing or loosening a rule makes these fail, so `npm test` does.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { coreLayers, featurePublicFiles } from "../../eslint.config.js";

const root = path.resolve(import.meta.dirname, "../..");
const eslint = new ESLint({ cwd: root });

/** The problems ESLint reports for `code` as if it were the file at `file` (relative to root). */
async function lint(file: string, code: string): Promise<{ rule: string; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).map((problem) => ({
    rule: problem.ruleId ?? "",
    message: problem.message,
  }));
}

/** One forbidden import, planted in a file of a layer, and the rule that must refuse it. */
interface Planted {
  name: string;
  file: string;
  code: string;
  rule: string;
  message: string;
}

const planted: Planted[] = [
  {
    name: "React in the core",
    file: "src/core/config/planted.ts",
    code: 'import { useState } from "react";\nexport const planted = useState;\n',
    rule: "no-restricted-imports",
    message: "Layer rule: src/core uses no React.",
  },
  {
    name: "the network in the core",
    file: "src/core/catalogue/planted.ts",
    code: 'export const planted = () => fetch("https://example.com");\n',
    rule: "no-restricted-globals",
    message: "'fetch'",
  },
  {
    name: "a feature in the core",
    file: "src/core/render/planted.ts",
    code: 'import { maskSecrets } from "../../features/preview/mask-secrets";\nexport const planted = maskSecrets;\n',
    rule: "import-x/no-restricted-paths",
    message: "Layer rule: src/core is pure",
  },
  {
    name: "the renderer in the Butane compiler",
    file: "src/core/butane/planted.ts",
    code: 'import { renderNode } from "../render/render-node";\nexport const planted = renderNode;\n',
    rule: "layers/core-layer-order",
    message: "core/butane may not import core/render: core's folders import only those below them",
  },
  {
    name: "the cluster in the config, type-only",
    file: "src/core/config/planted.ts",
    code: 'import type { NodeSecrets } from "../cluster/node-secrets";\nexport type Planted = NodeSecrets;\n',
    rule: "layers/core-layer-order",
    message: "core/config may not import core/cluster: core's folders import only those below them",
  },
  {
    name: "the upgrade in readiness, imported when needed",
    file: "src/core/readiness/planted.ts",
    code: 'export const planted = () => import("../upgrade/upgrade-plan");\n',
    rule: "layers/core-layer-order",
    message:
      "core/readiness may not import core/upgrade: core's folders import only those below them",
  },
  {
    name: "the choices in a top-level module of the core",
    file: "src/core/version.ts",
    code: 'import { choices } from "./config/choices";\nexport const planted = choices;\n',
    rule: "layers/core-layer-order",
    message: "core/version.ts may not import core/config",
  },
  {
    name: "a core folder with no place in the order",
    file: "src/core/planted-folder/planted.ts",
    code: 'import { z } from "../zod-mini";\nexport const planted = z;\n',
    rule: "layers/core-layer-order",
    message: "core/planted-folder has no place in the order of core's folders",
  },
  {
    name: "a feature in ui",
    file: "src/ui/planted.tsx",
    code: 'import { PreviewPanel } from "../features/preview/preview-panel";\nexport const planted = PreviewPanel;\n',
    rule: "import-x/no-restricted-paths",
    message: "Layer rule: src/ui imports no feature, api or app code.",
  },
  {
    name: "the api in ui, type-only",
    file: "src/ui/planted.tsx",
    code: 'import type { CatalogueState } from "../api/queries/catalogue-query";\nexport type Planted = CatalogueState;\n',
    rule: "import-x/no-restricted-paths",
    message: "Layer rule: src/ui imports no feature, api or app code.",
  },
  {
    name: "one feature's internal file in another",
    file: "src/features/share/planted.ts",
    code: 'import { maskSecrets } from "../preview/mask-secrets";\nexport const planted = maskSecrets;\n',
    rule: "import-x/no-restricted-paths",
    message: "only through its public files",
  },
  {
    name: "a feature in the query layer",
    file: "src/api/queries/planted.ts",
    code: 'import { statusText } from "../../features/catalogue/status-text";\nexport const planted = statusText;\n',
    rule: "import-x/no-restricted-paths",
    message: "Layer rule: src/api/queries imports only",
  },
  {
    name: "React in the GitHub client",
    file: "src/api/github/planted.ts",
    code: 'import { useQuery } from "@tanstack/react-query";\nexport const planted = useQuery;\n',
    rule: "no-restricted-imports",
    message: "Layer rule: the GitHub client and CLI use no React.",
  },
];

describe("layer rules in ESLint", () => {
  it.each(planted)("refuses $name", async ({ file, code, rule, message }) => {
    expect(await lint(file, code)).toContainEqual({
      rule,
      message: expect.stringContaining(message),
    });
  });

  it("lets a feature use another's public file", async () => {
    const problems = await lint(
      "src/features/share/planted.ts",
      'import { PreviewPanel } from "../preview/preview-panel";\nexport const planted = PreviewPanel;\n',
    );
    expect(problems).toEqual([]);
  });

  it("lets a core folder import the folders below it, type-only too", async () => {
    const problems = await lint(
      "src/core/render/planted.ts",
      [
        'import { compileButane } from "../butane/compile";',
        'import type { WizardState } from "../config/wizard-state";',
        'import { mirroredUrl } from "../values/download-sources";',
        'import { minorOf } from "../version";',
        "export const planted = [compileButane, mirroredUrl, minorOf];",
        "export type Planted = WizardState;",
        "",
      ].join("\n"),
    );
    expect(problems).toEqual([]);
  });

  it("places every folder and top-level module of the core in its order", () => {
    const entries = readdirSync(path.join(root, "src/core"), { withFileTypes: true });
    const layers = entries
      .filter((entry) => entry.isDirectory() || /^[^.]+\.ts$/.test(entry.name))
      .map((entry) => entry.name);
    expect([...coreLayers].sort()).toEqual(layers.sort());
  });

  describe("import cycles", () => {
    const plantedDir = path.join(root, `src/core/planted-cycle-${process.pid}`);
    afterAll(() => rmSync(plantedDir, { recursive: true, force: true }));

    it("finds one made of type-only imports", async () => {
      mkdirSync(plantedDir, { recursive: true });
      const first =
        'import type { Second } from "./second";\nexport interface First { next?: Second }\n';
      writeFileSync(path.join(plantedDir, "first.ts"), first);
      writeFileSync(
        path.join(plantedDir, "second.ts"),
        'import type { First } from "./first";\nexport interface Second { back?: First }\n',
      );
      const problems = await lint(path.relative(root, path.join(plantedDir, "first.ts")), first);
      expect(problems).toContainEqual({
        rule: "layers/no-import-cycle",
        message: expect.stringMatching(/^Import cycle .*first\.ts -> .*second\.ts -> .*first\.ts/),
      });
    });
  });

  it("knows the public files of every feature folder", () => {
    const folders = readdirSync(path.join(root, "src/features"), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    expect(Object.keys(featurePublicFiles).sort()).toEqual(folders.sort());
    for (const [feature, files] of Object.entries(featurePublicFiles)) {
      const present = readdirSync(path.join(root, "src/features", feature));
      for (const file of files) expect(present, `${feature}/${file}`).toContain(file);
    }
  });
});

describe("the core's own TypeScript project", () => {
  const configPath = path.join(root, "src/core/tsconfig.json");
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
      },
    },
  );
  const hostGlobals = path.join(root, "src/core/host-globals.d.ts");
  const work = mkdtempSync(path.join(tmpdir(), "fkw-core-globals-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  /** The type errors of one file checked with the core's compiler options. */
  function typeErrors(code: string): string[] {
    const file = path.join(work, "planted.ts");
    writeFileSync(file, code);
    const options = {
      ...parsed?.options,
      composite: false,
      emitDeclarationOnly: false,
      noEmit: true,
      incremental: false,
    };
    const program = ts.createProgram([hostGlobals, file], options);
    return ts
      .getPreEmitDiagnostics(program)
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
  }

  it.each([
    ['fetch("https://example.com")', "fetch"],
    ["self.postMessage(1)", "self"],
    ["window.location.href", "window"],
    ["new XMLHttpRequest()", "XMLHttpRequest"],
    ["process.env.HOME", "process"],
    ['Buffer.from("x")', "Buffer"],
  ])("does not know %s", (expression, name) => {
    expect(typeErrors(`export const planted = ${expression};\n`)).toContainEqual(
      expect.stringContaining(`Cannot find name '${name}'`),
    );
  });

  it("knows the host globals the core uses", () => {
    const code = [
      "export const bytes = new TextEncoder().encode('x');",
      "export const text = new TextDecoder().decode(bytes);",
      "export const random = crypto.getRandomValues(new Uint8Array(4));",
      "export const digest = crypto.subtle.digest('SHA-256', bytes);",
      "export const base64 = btoa(atob('eA=='));",
      "export const query = new URLSearchParams('a=1').toString();",
    ].join("\n");
    expect(typeErrors(code)).toEqual([]);
  });
});
