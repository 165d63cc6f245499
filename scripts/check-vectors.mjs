/**
 * The shared test vectors must be there and whole: a missing folder or one holding fewer cases
 * than its manifest makes `npm test` fail with a message naming it, whatever the vector suites
 * themselves do. Usage: node scripts/check-vectors.mjs [vectors folder]
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Each folder, its manifests (JSON lines) and the files a listed case must have. */
export const vectorFolders = [
  { folder: "butane", manifests: ["manifest.jsonl"], caseFiles: true },
  {
    folder: "butane-real",
    manifests: ["manifest.jsonl", "manifest-filesdir.jsonl"],
    caseFiles: true,
  },
  { folder: "gzip", manifests: ["cases.jsonl"], caseFiles: false },
];

function jsonLines(file) {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      try {
        return JSON.parse(line);
      } catch {
        throw new Error(`${file}:${index + 1} is not JSON`);
      }
    });
}

/** Problems with the vectors under `root`, one sentence each; empty when all are whole. */
export function vectorProblems(root) {
  if (!existsSync(root))
    return [
      `${root} is missing: the shared test vectors (${vectorFolders.map((v) => v.folder).join(", ")}) cannot run`,
    ];
  const problems = [];
  for (const { folder, manifests, caseFiles } of vectorFolders) {
    const at = path.join(root, folder);
    if (!existsSync(at)) {
      problems.push(`${at} is missing: the ${folder} vectors cannot run`);
      continue;
    }
    for (const manifest of manifests) {
      const file = path.join(at, manifest);
      if (!existsSync(file)) {
        problems.push(`${file} is missing`);
        continue;
      }
      let rows;
      try {
        rows = jsonLines(file);
      } catch (error) {
        problems.push(error.message);
        continue;
      }
      if (rows.length === 0) problems.push(`${file} lists no cases`);
      if (!caseFiles) continue;
      const whole = rows.filter(
        (row) =>
          existsSync(path.join(at, `${row.name}.bu`)) &&
          existsSync(path.join(at, `${row.name}.stderr`)) &&
          (row.rc !== 0 || existsSync(path.join(at, `${row.name}.ign`))),
      );
      if (whole.length < rows.length)
        problems.push(
          `${at} holds ${whole.length} of the ${rows.length} cases ${manifest} lists (first missing: ${rows.find((row) => !whole.includes(row))?.name})`,
        );
    }
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const root = path.resolve(process.argv[2] ?? path.join(repoRoot, "../shared/vectors"));
  const problems = vectorProblems(root);
  for (const problem of problems) console.error(problem);
  if (problems.length === 0)
    console.log(`vectors whole: ${vectorFolders.map((v) => v.folder).join(", ")} under ${root}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
