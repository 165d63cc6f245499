import { readdirSync } from "node:fs";
import path from "node:path";
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import { coreLayerOrder } from "./scripts/lint/core-layer-order.mjs";
import { noImportCycle } from "./scripts/lint/no-import-cycle.mjs";

/*
 * The layers of src, enforced (README "Layout"). Each zone says which folders a layer may not
 * import from; import-x/no-restricted-paths checks every import, type-only and dynamic ones
 * included, and its message names the layer rule that was broken.
 *   core          pure TypeScript: imports nothing outside src/core, and inside it each folder
 *                 only those below it (coreLayers)
 *   api/github    the GitHub client (the CLI's too): core only, no React
 *   api/queries   TanStack Query hooks over the client: core and api/github
 *   ui            shared components: no features, api or app
 *   features      one folder a feature; another feature only through its public files
 *   app           the page's composition (src/app, app.tsx, main.tsx): may import all of these
 *   cli           the command line: core and api/github
 */
const root = import.meta.dirname;
const appLayer = ["src/app", "src/app.tsx", "src/main.tsx"];

/**
 * What each feature offers the others: only these files may be imported from outside the
 * feature's folder (the app layer may import any). A feature folder not listed offers nothing.
 */
export const featurePublicFiles = {
  catalogue: ["catalogue-status.tsx"],
  mirror: ["mirror-panel.tsx"],
  cluster: ["cluster-actions.tsx", "cluster-fields.tsx", "use-cluster-secrets.ts"],
  preview: ["file-text.tsx", "preview-panel.tsx"],
  readiness: ["confirm-not-ready.tsx", "readiness-summary.tsx"],
  share: ["bundle-actions.tsx", "share-link-button.tsx"],
  upgrade: ["upgrade-panel.tsx"],
  wizard: [],
  "next-steps": [],
};

/**
 * The core's folders, and the modules at its top, bottom to top: each imports only its own and
 * those before it here (layers/core-layer-order, type-only imports included). Values shared by
 * several folders (CIDRs, mirror and registry addresses, the architectures) live in core/values
 * so that config, cluster and render all reach them downwards.
 *   zod-mini.ts … version.ts   small value modules that every folder may use
 *   butane      the Butane compiler: knows nothing of the wizard's config or rendering
 *   catalogue   the bakery's releases and upstream's support schedule
 *   config      the wizard's choices, its state and the share link's preset
 *   cluster     kubeadm, CNI, add-ons and secrets for those choices
 *   render      a node's and a cluster's Butane, from config and cluster
 *   mirror      what a mirror must hold: read off the rendered nodes
 *   help        each field's plain help and the upstream facts behind its Details
 *   readiness   whether the rendered files are ready to use
 *   bundle      the downloads: rendered files, readiness, README
 *   upgrade     an existing cluster's upgrade, built on all of the above
 */
export const coreLayers = [
  "zod-mini.ts",
  "file-names.ts",
  "values",
  "version.ts",
  "butane",
  "catalogue",
  "config",
  "cluster",
  "render",
  "mirror",
  "help",
  "readiness",
  "bundle",
  "upgrade",
];

const features = readdirSync(path.join(root, "src/features"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const layerZones = [
  {
    target: "src/core",
    from: "src",
    except: ["./core"],
    message: "Layer rule: src/core is pure and imports nothing outside src/core.",
  },
  {
    target: "src/api/github",
    from: ["src/api/queries", "src/features", "src/ui", "src/cli", ...appLayer],
    message: "Layer rule: src/api/github (the GitHub client) imports only src/core.",
  },
  {
    target: "src/api/queries",
    from: ["src/features", "src/ui", "src/cli", ...appLayer],
    message: "Layer rule: src/api/queries imports only src/core and src/api/github.",
  },
  {
    target: "src/ui",
    from: ["src/features", "src/api", "src/cli", ...appLayer],
    message: "Layer rule: src/ui imports no feature, api or app code.",
  },
  {
    target: "src/cli",
    from: ["src/features", "src/ui", "src/api/queries", ...appLayer],
    message: "Layer rule: src/cli imports only src/core and src/api/github.",
  },
  {
    target: "src/features",
    from: [...appLayer, "src/cli"],
    message: "Layer rule: a feature imports no app or CLI code.",
  },
  ...features.map((feature) => ({
    target: `src/features/${feature}`,
    from: "src/features",
    except: [
      `./${feature}`,
      ...Object.entries(featurePublicFiles)
        .filter(([other]) => other !== feature)
        .flatMap(([other, files]) => files.map((file) => `./${other}/${file}`)),
    ],
    message: `Layer rule: a feature imports another feature only through its public files (featurePublicFiles in eslint.config.js); ${feature} may not import this one.`,
  })),
];

/** Packages a layer may not use, by layer. */
const reactPackages = ["react", "react-dom", "react/*", "react-dom/*", "@tanstack/*"];

export default tseslint.config(
  {
    ignores: [
      "dist",
      "dist-cli",
      "node_modules",
      "test-results",
      "playwright-report",
      "bench/results.json",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    // React's hook rules for the app; Playwright fixtures have a `use` of their own.
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Tests may reach across layers for their fixtures and helpers (src/test-support).
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/**/*.test.{ts,tsx}"],
    plugins: {
      "import-x": importX,
      layers: { rules: { "no-import-cycle": noImportCycle, "core-layer-order": coreLayerOrder } },
    },
    settings: {
      "import-x/resolver-next": [
        createNodeResolver({ extensions: [".ts", ".tsx", ".d.ts", ".js", ".mjs", ".json"] }),
      ],
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { basePath: root, zones: layerZones }],
      "layers/no-import-cycle": "error",
      "layers/core-layer-order": [
        "error",
        { coreDir: path.join(root, "src/core"), order: coreLayers },
      ],
    },
  },
  {
    // The core is pure: no React, no DOM, no network (src/core/tsconfig.json has no DOM types).
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: reactPackages, message: "Layer rule: src/core uses no React." }] },
      ],
      "no-restricted-globals": ["error", "fetch", "window", "self", "document", "localStorage"],
    },
  },
  {
    // The GitHub client and the CLI run in Node too: no React there.
    files: ["src/api/github/**/*.ts", "src/cli/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: reactPackages,
              message: "Layer rule: the GitHub client and CLI use no React.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: globals.node },
  },
);
