import { createHash } from "node:crypto";
import react from "@vitejs/plugin-react";
import { loadEnv, type Plugin } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import { defineConfig } from "vitest/config";
import { prerenderPlugin } from "./scripts/prerender/vite-plugin-prerender.ts";

/**
 * The Content Security Policy delivered with the built page: scripts and styles only from the
 * site itself, network access only to the configured GitHub API. Not in dev, where Vite's
 * hot reload needs inline scripts.
 */
function contentSecurityPolicy(apiBase: string): Plugin {
  const api = new URL(apiBase).origin;
  const policy = (inlineScripts: string[]) =>
    [
      "default-src 'self'",
      ["script-src 'self'", ...inlineScripts.map(scriptHash)].join(" "),
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
    // index.html's own inline scripts (classic ones, not data blocks) are allowed by their hash.
    transformIndexHtml: (html) => [
      {
        tag: "meta",
        attrs: {
          "http-equiv": "Content-Security-Policy",
          content: policy(
            [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((match) => match[1] ?? ""),
          ),
        },
        injectTo: "head-prepend",
      },
    ],
  };
}

/** A CSP source allowing one inline script: the base64 SHA-256 of its exact text (CSP 3, 8.4). */
function scriptHash(text: string): string {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * Works offline once opened (issue 29): a Workbox service worker precaches every built file,
 * the page, its chunks, both workers and the lazily loaded modes, so each mode works
 * offline. Only GitHub's API is not cached: it stays network-only and the page falls back to
 * its embedded catalogue, as without a worker.
 *
 * Updates never mix old and new files: every file but index.html is content-hashed and the
 * precache holds one build. registerType "prompt" (no skipWaiting) keeps a new worker waiting
 * while a page of the old build is open, since that page may still import old chunks; it takes
 * over on the next visit, once the old pages are closed, and cleanupOutdatedCaches then drops
 * the old build's cache. No prompt is shown: nothing calls for an update now.
 *
 * registerSW.js (a classic deferred script of some 150 bytes, from "script-defer") registers
 * the worker after the page has loaded; no workbox-window in the page's bundle. Manifest and
 * worker are relative to the page, so the site works under any sub-path.
 */
function offlineApp(): Plugin[] {
  return VitePWA({
    registerType: "prompt",
    injectRegister: "script-defer",
    scope: "./",
    manifest: {
      name: "Flatcar Kubernetes Wizard",
      short_name: "Flatcar K8s",
      description:
        "Generate Butane, systemd-sysupdate and Ignition configs for Kubernetes nodes on Flatcar Container Linux.",
      start_url: "./",
      scope: "./",
      display: "standalone",
      // The page's own --accent and --bg (src/app.css, light scheme).
      theme_color: "#0a6f7a",
      background_color: "#f7f8fa",
      icons: [{ src: "favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
    },
    workbox: {
      // Every script (page, chunks, workers), style and the page; the plugin adds the manifest
      // and its icon.
      globPatterns: ["**/*.{js,css,html}"],
      cleanupOutdatedCaches: true,
      // The first visit's page is controlled at once: it was served from this very build.
      clientsClaim: true,
      // Navigations with a share link's query (?k8s=…) get the precached page.
      navigateFallback: "index.html",
    },
  });
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
      offlineApp(),
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
