/**
 * Links in the docs: a relative link must name a file or folder in the repository and its
 * `#anchor` a heading of the target (GitHub's slugs); an http(s) link must be a well-formed
 * URL (nothing is fetched: the check runs offline).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { anchors, links, type Finding, type Link } from "./markdown.ts";

/** Reads a Markdown file's anchors once per run, however many links name it. */
export class AnchorCache {
  private readonly cache = new Map<string, Set<string>>();

  of(file: string): Set<string> {
    let found = this.cache.get(file);
    if (!found) {
      found = anchors(readFileSync(file, "utf8"));
      this.cache.set(file, found);
    }
    return found;
  }
}

const scheme = /^([a-z][a-z0-9+.-]*):/i;

/**
 * The problems with the links of `file` (a path relative to `root`, whose text is `text`).
 * Each names the file, the line and what is wrong.
 */
export function checkLinks(
  root: string,
  file: string,
  text: string,
  cache = new AnchorCache(),
): Finding[] {
  const findings: Finding[] = [];
  for (const link of links(text)) {
    const problem = linkProblem(root, file, text, link, cache);
    if (problem) findings.push({ file, line: link.line, message: problem });
  }
  return findings;
}

function linkProblem(
  root: string,
  file: string,
  text: string,
  link: Link,
  cache: AnchorCache,
): string | undefined {
  const { target } = link;
  if (link.kind === "malformed")
    return `not a link as written: ](${target}) (a destination holds no space: write %20, or <…> around it)`;
  if (target === "") return "empty link target";
  const schemeMatch = scheme.exec(target);
  if (schemeMatch || target.startsWith("//")) return urlProblem(target, schemeMatch?.[1]);
  const hash = target.indexOf("#");
  const pathPart = (hash < 0 ? target : target.slice(0, hash)).replace(/\?.*$/, "");
  const anchor = hash < 0 ? undefined : target.slice(hash + 1);
  let decodedPath: string;
  try {
    decodedPath = decodeURIComponent(pathPart);
  } catch {
    return `link ${target}: its path is not valid percent-encoding`;
  }
  // GitHub resolves "/x" from the repository's root and "x" from the file's folder.
  const resolved =
    decodedPath === ""
      ? path.resolve(root, file)
      : decodedPath.startsWith("/")
        ? path.resolve(root, `.${decodedPath}`)
        : path.resolve(root, path.dirname(file), decodedPath);
  const relative = path.relative(root, resolved);
  if (relative.startsWith("..") || path.isAbsolute(relative))
    return `link ${target}: points outside the repository (${relative})`;
  if (!existsSync(resolved)) return `link ${target}: no such file or folder ${relative}`;
  if (anchor === undefined) return undefined;
  if (anchor === "") return `link ${target}: empty #anchor`;
  if (statSync(resolved).isDirectory() || !/\.md$/i.test(resolved)) return undefined;
  const available = decodedPath === "" ? anchors(text) : cache.of(resolved);
  let decodedAnchor: string;
  try {
    decodedAnchor = decodeURIComponent(anchor);
  } catch {
    return `link ${target}: its #anchor is not valid percent-encoding`;
  }
  if (available.has(decodedAnchor)) return undefined;
  const near = [...available].find((a) => a === decodedAnchor.toLowerCase());
  return `link ${target}: no heading in ${relative} has the anchor #${decodedAnchor}${near ? ` (did you mean #${near}? anchors are lower-case)` : ""}`;
}

function urlProblem(target: string, schemeName: string | undefined): string | undefined {
  const name = schemeName?.toLowerCase();
  if (name === "mailto") return undefined;
  if (name !== "http" && name !== "https")
    return `link ${target}: only relative links and http(s) URLs are expected in the docs`;
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return `link ${target}: not a well-formed URL`;
  }
  if (url.hostname === "" || !/^https?:\/\/[^/]/i.test(target))
    return `link ${target}: not a well-formed URL (no host)`;
  if (/\s/.test(target)) return `link ${target}: a URL holds no whitespace`;
  return undefined;
}
