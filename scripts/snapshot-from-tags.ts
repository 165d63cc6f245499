/**
 * Builds the embedded release snapshot (src/core/catalogue/snapshot.json) from the bakery's
 * tag list in ../shared/reference/bakery-kubernetes-versions.txt, in the shape of GitHub's
 * releases API, so the same parser reads the snapshot and the live API.
 * Every release gets both architectures' images, as release.sh builds them.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.resolve(root, "../shared/reference/bakery-kubernetes-versions.txt");
const target = path.join(root, "src/core/catalogue/snapshot.json");

const text = readFileSync(source, "utf8");
const date = /snapshot \([^,]*, (\d{4}-\d{2}-\d{2})\)/.exec(text)?.[1];
if (!date) throw new Error(`no snapshot date in ${source}`);

const releases = [...text.matchAll(/^kubernetes-(v(\d+)\.(\d+)\.\d+) (\S+)$/gm)].map((match) => {
  const [, version, major, minor, taggedAt] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
  ];
  const tag = `kubernetes-${version}`;
  const published = new Date(taggedAt).toISOString().replace(".000Z", "Z");
  const assets = [
    `${tag}-x86-64.raw`,
    `${tag}-arm64.raw`,
    "kubernetes.conf",
    `kubernetes-v${major}.${minor}.conf`,
  ];
  return {
    tag_name: tag,
    name: tag,
    draft: false,
    prerelease: false,
    published_at: published,
    // Only what the parser reads: the wizard never downloads release files (they send no CORS headers).
    assets: assets.map((name) => ({ name, digest: null })),
  };
});

writeFileSync(target, `${JSON.stringify({ date, releases })}\n`);
console.log(`wrote ${releases.length} releases from ${date} to ${path.relative(root, target)}`);
