import { defineConfig } from "vite";

/**
 * The command line as one file, for Node: `node dist-cli/cli.mjs butane --pretty FILE`
 * starts without npm or tsx (issue 17: under 100 ms). Every dependency is bundled in, so the
 * file runs from any directory; Node's built-ins stay imports.
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
        codeSplitting: false,
      },
    },
  },
  ssr: { noExternal: true, target: "node" },
});
