import react from "@vitejs/plugin-react";
import { loadEnv, type Plugin } from "vite";
import { defineConfig } from "vitest/config";
import { prerenderPlugin } from "./scripts/prerender/vite-plugin-prerender.ts";

/**
 * The Content Security Policy delivered with the built page: scripts and styles only from the
 * site itself, network access only to the configured GitHub API. Not in dev, where Vite's
 * hot reload needs inline scripts.
 */
function contentSecurityPolicy(apiBase: string): Plugin {
  const api = new URL(apiBase).origin;
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${api}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
  ].join("; ");
  return {
    name: "content-security-policy",
    apply: "build",
    transformIndexHtml: () => [
      {
        tag: "meta",
        attrs: { "http-equiv": "Content-Security-Policy", content: policy },
        injectTo: "head-prepend",
      },
    ],
  };
}

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "VITE_");
  return {
    // Relative base: the built site works from any host and any sub-path (GitHub Pages).
    base: "./",
    plugins: [
      react(),
      contentSecurityPolicy(env.VITE_GITHUB_API || "https://api.github.com"),
      prerenderPlugin(),
    ],
    build: {
      target: "es2022",
      sourcemap: false,
      // dist/.vite/manifest.json: scripts/check-bundle-size.mjs finds lazy chunks by module.
      manifest: true,
    },
    test: {
      include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts"],
      environment: "node",
      // Two cores shared with builds and a browser: tests that render whole clusters took over
      // vitest's 5 s default under load (at a load of 13) while taking 1–2 s alone.
      testTimeout: 30_000,
    },
  };
});
