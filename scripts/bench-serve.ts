/**
 * A fresh production build served on a free port, for the browser benchmarks, without
 * touching dist/ (which other people's browser tests serve): `vite build` into a temporary
 * directory, next to an unchanged copy of scripts/serve-static.mjs (which serves the
 * `dist/` beside its own folder).
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** One response the server sent: its path and its body bytes on the wire (gzip when accepted). */
export interface ServedResponse {
  served: string;
  bytes: number;
  /** The request's Sec-Fetch-Dest: "script", "worker", … for the page; "empty" for a fetch(). */
  dest?: string;
}

export interface ServedBuild {
  /** http://127.0.0.1:PORT/ */
  url: string;
  distDir: string;
  /** The responses sent since the last call, oldest first. */
  takeServed: () => ServedResponse[];
  close: () => void;
}

/** A port nobody listens on right now: the system's pick for port 0. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

export async function buildAndServe(): Promise<ServedBuild> {
  const root = mkdtempSync(path.join(tmpdir(), "fkw-bench-"));
  const distDir = path.join(root, "dist");
  mkdirSync(path.join(root, "scripts"));
  copyFileSync(
    path.join(repoRoot, "scripts/serve-static.mjs"),
    path.join(root, "scripts/serve-static.mjs"),
  );
  const build = spawnSync("npx", ["vite", "build", "--outDir", distDir, "--logLevel", "error"], {
    cwd: repoRoot,
    stdio: "inherit",
  });
  if (build.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`vite build failed (exit ${build.status})`);
  }
  // BENCH_PORT pins the port (to keep clear of other checkouts' servers); else the system picks.
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const server = spawn("node", [path.join(root, "scripts/serve-static.mjs"), String(port), "/"], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, SERVE_LOG_BYTES: "1" },
  });
  let served: ServedResponse[] = [];
  let pending = "";
  await new Promise<void>((resolve, reject) => {
    server.once("exit", (code) => reject(new Error(`serve-static exited (${code})`)));
    server.stdout.on("data", (chunk: Buffer) => {
      pending += chunk.toString();
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("serving")) resolve();
        else if (line.startsWith("{")) served.push(JSON.parse(line) as ServedResponse);
      }
    });
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    distDir,
    takeServed: () => {
      const taken = served;
      served = [];
      return taken;
    },
    close: () => {
      server.kill();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
