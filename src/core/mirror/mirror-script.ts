import { listedFolder, type MirrorList } from "./mirror-list";
import { registryScheme } from "../values/download-sources";
import { listingFileName } from "../render/bakery";
import { imageFileSuffix } from "../version";

/**
 * A POSIX shell script that fills a mirror with what a MirrorList names, on a machine with
 * internet access: each file downloaded (checked against its SHA-256 where known) or written to
 * its path below the folder, each extension folder's SHA256SUMS made for the images it holds,
 * and each image copied into the registry with skopeo. Every value in it is single-quoted.
 */

const quote = (value: string) => `'${value.replaceAll("'", `'\\''`)}'`;

/** A here-document delimiter no line of the text is. */
function delimiter(text: string): string {
  let name = "FKW_FILE";
  while (text.split("\n").includes(name)) name += "_";
  return name;
}

export function mirrorScript(list: MirrorList): string {
  const lines = [
    "#!/bin/sh",
    "# Fills a mirror for the nodes Flatcar Kubernetes Wizard made: run it on a machine with",
    "# internet access, then serve the folder (first argument, default ./mirror) at",
    `# ${list.mirror === "" ? "the base URL you give the wizard as mirror=" : list.mirror}.`,
    "set -eu",
    'dir="${1:-mirror}"',
    "",
    "# fetch URL PATH [SHA256]: download URL to PATH below the folder, checked when a digest is known.",
    "fetch() {",
    '  mkdir -p "$dir/$(dirname "$2")"',
    '  curl --fail --location --silent --show-error --output "$dir/$2" "$1"',
    '  if [ -n "${3:-}" ]; then',
    '    echo "$3  $dir/$2" | sha256sum --check --quiet',
    "  fi",
    "}",
    "",
  ];
  const folders = new Set<string>();
  for (const file of list.files) {
    const listed = listedFolder(file);
    if (listed !== undefined) {
      folders.add(listed);
      continue;
    }
    if (file.source !== undefined) {
      lines.push(
        `# ${file.what}`,
        `fetch ${quote(file.source)} ${quote(file.path)}${file.sha256 ? ` ${quote(file.sha256)}` : ""}`,
      );
    } else if (file.contents !== undefined) {
      const end = delimiter(file.contents);
      const folder = file.path.slice(0, Math.max(file.path.lastIndexOf("/"), 0));
      lines.push(
        `# ${file.what}: written by the wizard`,
        ...(folder ? [`mkdir -p "$dir"/${quote(folder)}`] : []),
        `cat > "$dir"/${quote(file.path)} <<'${end}'`,
        ...file.contents.replace(/\n$/, "").split("\n"),
        end,
      );
    }
  }
  for (const folder of folders) {
    lines.push(
      "",
      `# systemd-sysupdate lists ${folder}/ by its ${listingFileName}: one line for each image the mirror holds.`,
      `(cd "$dir"/${quote(folder)} && sha256sum -- *${imageFileSuffix} > ${listingFileName})`,
    );
  }
  if (list.images.length > 0) {
    const tls = registryScheme(list.registry) === "http" ? " --dest-tls-verify=false" : "";
    lines.push(
      "",
      list.registry === ""
        ? "# Container images the nodes pull (give the wizard registry= to pull them from your own):"
        : "# Container images, copied into the registry under their upstream's name (every architecture):",
    );
    for (const image of list.images) {
      lines.push(
        list.registry === ""
          ? `# ${image.image}`
          : `skopeo copy --all${tls} ${quote(`docker://${image.image}`)} ${quote(`docker://${image.mirrored}`)}`,
      );
    }
  }
  for (const note of list.notes) lines.push("", `# Note: ${note}`);
  return `${lines.join("\n")}\n`;
}

/** The list as plain text: one line per URL or image, each with what is known of it. */
export function mirrorListText(list: MirrorList): string {
  const lines: string[] = [];
  for (const file of list.files) {
    lines.push(
      [
        file.url,
        file.sha256 ? `sha256:${file.sha256}` : "-",
        file.source ?? "(written by the wizard)",
      ].join("  "),
    );
  }
  for (const image of list.images) lines.push([image.mirrored, image.image].join("  "));
  return `${lines.join("\n")}\n`;
}
