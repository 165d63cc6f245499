import { defineConfig } from "vite";

/**
 * The command line for Node: `node dist-cli/cli.mjs butane --pretty FILE` starts without npm
 * or tsx. Every dependency is bundled in, so dist-cli runs from any directory; Node's
 * built-ins stay imports. Each command's code is a chunk of its own (dist-cli/chunks/), so
 * `butane` parses the compiler and YAML only, not the renderer, X.509 or the catalogue: one
 * file made every run parse all 600 KB (issue 28: 136 → 125 ms on a loaded machine).
 */
export default defineConfig({
  publicDir: false,
  build: {
    ssr: "src/cli/main.ts",
    outDir: "dist-cli",
    emptyOutDir: true,
    target: "node20",
    sourcemap: false,
    minify: true,
    rollupOptions: {
      output: {
        entryFileNames: "cli.mjs",
        banner: "#!/usr/bin/env node",
        chunkFileNames: "chunks/[name]-[hash].mjs",
      },
    },
  },
  ssr: { noExternal: true, target: "node" },
});
