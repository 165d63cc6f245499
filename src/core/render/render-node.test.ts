import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync, strFromU8 } from "fflate";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { defaultWizardState, type WizardState } from "../config/wizard-state";
import { testSshKey } from "../config/test-keys";
import { compileButane } from "../butane/compile";
import { noopFileText, transferFileText } from "./bakery";
import { renderNode } from "./render-node";

const reference = path.resolve(__dirname, "../../../../shared/reference");
const readReference = (name: string) => readFileSync(path.join(reference, name), "utf8");

/** The texts between the ----8<---- markers of bakery-sysupdate-files.txt: pinned conf, generic conf, noop. */
const publishedTexts = readReference("bakery-sysupdate-files.txt")
  .split("----8<----\n")
  .filter((_, index) => index % 2 === 1);

const docsSnippet = parse(
  /```yaml\n([\s\S]*?)```/.exec(readReference("bakery-docs-kubernetes.md"))?.[1] ?? "",
) as ButaneDoc;

interface ButaneDoc {
  variant: string;
  version: string;
  storage: { links?: object[]; files?: { path: string; contents?: object; mode?: number }[] };
  systemd: { units: { name: string; contents?: string; enabled?: boolean; mask?: boolean }[] };
}

// The how-to's flow (manual bootstrap) unless a test says otherwise; generated secrets below.
const base: WizardState = {
  ...defaultWizardState("v1.32.2"),
  sysupdate: "bakery",
  bootstrap: "manual",
};
const render = (changes: Partial<WizardState>) => renderNode({ ...base, ...changes });
// Read as Go's YAML (YAML 1.1) reads it, so 0644 is octal.
const butaneOf = (changes: Partial<WizardState>) =>
  parse(render(changes).butane, { version: "1.1" }) as ButaneDoc;
const worker: Partial<WizardState> = {
  role: "worker",
  controlPlaneEndpoint: "10.0.0.10:6443",
  joinToken: "abcdef.0123456789abcdef",
  caCertHash: `sha256:${"0a".repeat(32)}`,
};

describe("sysupdate files", () => {
  it("are byte for byte what the bakery publishes", () => {
    expect(publishedTexts).toHaveLength(3);
    expect(transferFileText("v1.32")).toBe(publishedTexts[0]);
    expect(noopFileText).toBe(publishedTexts[2]);
  });

  it("are offered beside the Butane when updates are on, whatever the architecture", () => {
    const x86 = render({});
    const arm = render({ arch: "arm64" });
    expect(x86.files.map((f) => f.name)).toEqual([
      "config.bu",
      "kubernetes-v1.32.conf",
      "noop.conf",
      "config.ign",
    ]);
    expect(arm.files.slice(1, 3)).toEqual(x86.files.slice(1, 3));
  });
});

describe("renderNode", () => {
  it.each([["control-plane"], ["worker"]] as const)(
    "with the bakery's choices, a %s holds the documented snippet's links, files and units",
    (role) => {
      const doc = butaneOf(role === "worker" ? worker : {});
      expect(doc.variant).toBe("flatcar");
      expect(doc.version).toBe("1.0.0");
      expect(doc.storage.links).toEqual(docsSnippet.storage.links);
      for (const file of docsSnippet.storage.files ?? [])
        expect(doc.storage.files).toContainEqual(file);
      for (const unit of docsSnippet.systemd.units) expect(doc.systemd.units).toContainEqual(unit);
    },
  );

  it("writes the transfer files inline, byte for byte, when asked", () => {
    const doc = butaneOf({ sysupdate: "inline" });
    expect(doc.storage.files?.[0]).toEqual({
      path: "/etc/sysupdate.kubernetes.d/kubernetes-v1.32.conf",
      contents: { inline: publishedTexts[0] },
    });
    expect(doc.storage.files?.[1]).toEqual({
      path: "/etc/sysupdate.d/noop.conf",
      contents: { inline: publishedTexts[2] },
    });
  });

  it("runs kubeadm init on a control plane, as the how-to does", () => {
    const unit = butaneOf({}).systemd.units.find((u) => u.name === "kubeadm.service");
    const howto = parse(readReference("flatcar-howto-controlplane.bu")) as ButaneDoc;
    expect(unit).toEqual(howto.systemd.units.find((u) => u.name === "kubeadm.service"));
  });

  it("joins a worker from a 0600 JoinConfiguration with the endpoint, token and CA hash", () => {
    const { butane, notices } = render(worker);
    const doc = parse(butane, { version: "1.1" }) as ButaneDoc;
    const unit = doc.systemd.units.find((u) => u.name === "kubeadm.service");
    expect(notices).toEqual([]);
    expect(unit?.contents).toContain("ExecStart=/usr/bin/kubeadm join --config /etc/kubeadm.yml\n");
    // The token never reaches the world-readable unit file or kubeadm's command line.
    expect(unit?.contents).not.toContain("abcdef.0123456789abcdef");
    const joinFile = doc.storage.files?.find((f) => f.path === "/etc/kubeadm.yml");
    expect(joinFile?.mode).toBe(0o600);
    const join = parse((joinFile?.contents as { inline: string }).inline) as {
      kind: string;
      discovery: { bootstrapToken: Record<string, unknown> };
    };
    expect(join.kind).toBe("JoinConfiguration");
    expect(join.discovery.bootstrapToken).toEqual({
      apiServerEndpoint: "10.0.0.10:6443",
      token: "abcdef.0123456789abcdef",
      caCertHashes: [`sha256:${"0a".repeat(32)}`],
    });
    expect(butane).not.toContain("$(output from");
  });

  it("leaves the join unit out of a worker while a value is missing (readiness says which)", () => {
    const { butane, notices } = render({ ...worker, joinToken: "", caCertHash: "" });
    expect(butane).not.toContain("kubeadm");
    expect(notices).toEqual([]);
  });

  it("with updates off, has no sysupdate file, timer or drop-in", () => {
    const { butane, files } = render({ updates: "off" });
    expect(butane).not.toMatch(/sysupdate/);
    expect(files.map((f) => f.name)).toEqual(["config.bu", "config.ign"]);
    expect(butaneOf({ updates: "off" }).storage.links).toHaveLength(1);
  });

  it("with locksmithd, keeps locksmithd and sets REBOOT_STRATEGY=reboot; with kured, masks it", () => {
    const locksmith = butaneOf({ reboot: "locksmithd" });
    expect(locksmith.systemd.units.map((u) => u.name)).not.toContain("locksmithd.service");
    expect(locksmith.storage.files).toContainEqual({
      path: "/etc/flatcar/update.conf",
      overwrite: true,
      mode: 0o644,
      contents: { inline: "REBOOT_STRATEGY=reboot\n" },
    });
    expect(render({ reboot: "locksmithd" }).butane).toContain("mode: 0644\n");
    const kured = butaneOf({});
    expect(kured.systemd.units).toContainEqual({ name: "locksmithd.service", mask: true });
    expect(kured.storage.files?.map((f) => f.path)).not.toContain("/etc/flatcar/update.conf");
  });

  it("changes only the image names and URLs with the architecture", () => {
    const x86 = render({}).butane;
    const arm = render({ arch: "arm64" }).butane;
    expect(arm).toBe(x86.replaceAll("x86-64", "arm64"));
    expect(arm).toContain("https://extensions.flatcar.org/extensions/kubernetes-v1.32.2-arm64.raw");
  });

  it("sets the host name as data", () => {
    expect(butaneOf({ hostname: "node-1" }).storage.files).toContainEqual({
      path: "/etc/hostname",
      contents: { inline: "node-1" },
    });
    expect(render({}).butane).not.toContain("/etc/hostname");
  });
});

describe("renderNode, more choices", () => {
  it("writes the chosen Butane version", () => {
    expect(butaneOf({ butaneVersion: "1.1.0" }).version).toBe("1.1.0");
  });

  it("gives the core user the SSH keys, one per line", () => {
    const keys = [testSshKey("ssh-ed25519", "a@b"), testSshKey("ssh-rsa", "c@d")];
    const doc = butaneOf({ sshKeys: `${keys[0]}\n\n${keys[1]}\n` }) as ButaneDoc & {
      passwd: object;
    };
    expect(doc.passwd).toEqual({ users: [{ name: "core", ssh_authorized_keys: keys }] });
    expect(render({}).butane).not.toContain("passwd");
  });

  it("pins the image to GitHub's digest when verification is on and a digest is known", () => {
    const hex = "c".repeat(64);
    const image = (doc: ButaneDoc) => doc.storage.files?.find((f) => f.path.endsWith(".raw"));
    const verified = parse(renderNode(base, { imageSha256: hex }).butane) as ButaneDoc;
    expect(image(verified)?.contents).toEqual({
      source: "https://extensions.flatcar.org/extensions/kubernetes-v1.32.2-x86-64.raw",
      verification: { hash: `sha256-${hex}` },
    });
    const off = parse(
      renderNode({ ...base, verify: "off" }, { imageSha256: hex }).butane,
    ) as ButaneDoc;
    expect(image(off)?.contents).not.toHaveProperty("verification");
    expect(image(butaneOf({}))?.contents).not.toHaveProperty("verification");
    // The transfer files stay as the bakery publishes them.
    expect(renderNode(base, { imageSha256: hex }).files[1]?.contents).toBe(publishedTexts[0]);
  });

  it("offers update.conf as a file of its own when it has something to set", () => {
    const { files } = render({ reboot: "locksmithd", rebootStrategy: "off", channel: "stable" });
    expect(files.find((f) => f.name === "update.conf")).toEqual({
      name: "update.conf",
      nodePath: "/etc/flatcar/update.conf",
      contents: "GROUP=stable\nREBOOT_STRATEGY=off\n",
      mediaType: "text/plain",
    });
  });
});

describe("renderNode's Ignition", () => {
  const choices: Partial<WizardState>[] = [];
  for (const role of ["control-plane", "worker"] as const)
    for (const updates of ["patch", "off"] as const)
      for (const reboot of ["kured", "locksmithd"] as const)
        for (const sysupdate of ["inline", "bakery"] as const)
          for (const butaneVersion of ["1.0.0", "1.1.0"] as const)
            choices.push({
              role,
              updates,
              reboot,
              sysupdate,
              butaneVersion,
              ...(role === "worker" ? worker : {}),
            });

  it.each(choices.map((c) => [JSON.stringify(c), c] as const))(
    "compiles %s with --strict and no message",
    (_, changes) => {
      const rendered = render({
        ...changes,
        hostname: "node-1",
        channel: "beta",
        windowStart: "Thu 04:00",
        windowLength: "1h",
        sshKeys: testSshKey("ssh-ed25519"),
      });
      expect(rendered.compiled.reports).toEqual([]);
      expect(compileButane(rendered.butane, { strict: true }).exitCode).toBe(0);
      const ignition = JSON.parse(
        rendered.files.find((f) => f.name === "config.ign")?.contents ?? "",
      );
      expect(ignition.ignition.version).toBe(changes.butaneVersion === "1.1.0" ? "3.4.0" : "3.3.0");
    },
  );

  it("writes the sysupdate files into Ignition byte for byte", () => {
    const ignition = JSON.parse(render({ sysupdate: "inline" }).compiled.ignition ?? "");
    const file = ignition.storage.files.find((f: { path: string }) =>
      f.path.endsWith("kubernetes-v1.32.conf"),
    );
    expect(decodeDataUrl(file.contents.source, file.contents.compression)).toBe(publishedTexts[0]);
  });
});

function decodeDataUrl(url: string, compression: string): string {
  const comma = url.indexOf(",");
  const data = url.slice(comma + 1);
  const bytes = url.slice(0, comma).endsWith(";base64")
    ? Uint8Array.from(atob(data), (char) => char.charCodeAt(0))
    : new TextEncoder().encode(decodeURIComponent(data));
  return strFromU8(compression === "gzip" ? gunzipSync(bytes) : bytes);
}

describe("SSH keys", () => {
  it("are written once each, so a key pasted twice still compiles", () => {
    const key = testSshKey("ssh-ed25519", "me@laptop");
    const { butane, compiled } = render({ sshKeys: `${key}\n${key}\n` });
    expect(butane.split(key)).toHaveLength(2);
    expect(compiled.exitCode).toBe(0);
    expect(compiled.reports).toEqual([]);
  });
});
