/**
 * Serves the built site (dist/) from a sub-path, as GitHub Pages would, for browser tests
 * and the benchmarks: text compressed with gzip when the browser accepts it, as Pages does.
 *   node scripts/serve-static.mjs PORT [/sub/path/]
 * With SERVE_LOG_BYTES=1 it prints one JSON line per response once sent, {"served": path,
 * "bytes": body bytes on the wire (after gzip), "dest": the request's Sec-Fetch-Dest}, for the
 * first-load benchmark ("empty" is a fetch(): the service worker's precache, not the page).
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../dist");
const port = Number(process.argv[2] ?? 4173);
const mount = process.argv[3] ?? "/";

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".txt": "text/plain; charset=utf-8",
};

/** Counts the body bytes written to `response` and prints them when it has been sent. */
function logBytes(response, served, dest) {
  let bytes = 0;
  const write = response.write.bind(response);
  response.write = (chunk, ...rest) => {
    bytes += Buffer.byteLength(chunk);
    return write(chunk, ...rest);
  };
  response.on("finish", () => console.log(JSON.stringify({ served, bytes, dest })));
}

createServer((request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  if (!url.pathname.startsWith(mount)) {
    response.writeHead(404).end("not found");
    return;
  }
  const relative = decodeURIComponent(url.pathname.slice(mount.length)) || "index.html";
  const file = path.resolve(root, relative);
  if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) {
    response.writeHead(404).end("not found");
    return;
  }
  const type = types[path.extname(file)] ?? "application/octet-stream";
  const compress =
    /^text\/|json|svg/.test(type) && /\bgzip\b/.test(request.headers["accept-encoding"] ?? "");
  response.writeHead(200, {
    "content-type": type,
    vary: "accept-encoding",
    ...(compress ? { "content-encoding": "gzip" } : {}),
  });
  if (process.env.SERVE_LOG_BYTES === "1")
    logBytes(response, url.pathname, request.headers["sec-fetch-dest"] ?? "");
  const body = createReadStream(file);
  if (compress) body.pipe(createGzip({ level: 9 })).pipe(response);
  else body.pipe(response);
}).listen(port, "127.0.0.1", () => {
  console.log(`serving dist/ at http://127.0.0.1:${port}${mount}`);
});
