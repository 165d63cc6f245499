import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { catalogueFrom, embeddedCatalogue, type Catalogue } from "../catalogue/catalogue";
import type { KubernetesRelease } from "../catalogue/releases";
import { decodePreset, encodePreset } from "../config/preset";
import { upgradeReadiness } from "./upgrade-readiness";
import { transferFileText } from "../render/bakery";
import { kubeadmImages } from "../cluster/kubeadm-images";
import { upgradeBundle, upgradeFolders } from "./upgrade-bundle";
import { addonUpgrades, upgradePlan } from "./upgrade-plan";
import { upgradeScript } from "./upgrade-script";
import { defaultUpgradeTarget, upgradeTargetProblem, upgradeTargets } from "./upgrade-target";

const digest = (version: string, arch: string) =>
  Array.from(`${version}-${arch}`)
    .map((char) => char.charCodeAt(0).toString(16))
    .join("")
    .padEnd(64, "0")
    .slice(0, 64);

/** Minors 1.27 to 1.37, patches .0 to .2, both architectures, with digests: every pair the tables know. */
function syntheticCatalogue(minors = [...Array(11).keys()].map((n) => 27 + n)): Catalogue {
  const releases: KubernetesRelease[] = minors.flatMap((minor) =>
    [0, 1, 2].map((patch) => {
      const version = `v1.${minor}.${patch}`;
      return {
        version,
        minor: `v1.${minor}`,
        publishedAt: null,
        arches: ["x86-64", "arm64"],
        sha256: { "x86-64": digest(version, "x86-64"), arm64: digest(version, "arm64") },
      };
    }),
  );
  return catalogueFrom(releases, { kind: "snapshot", date: "2026-12-01" }, "2026-12-01");
}

const catalogue = syntheticCatalogue();
const cluster = (query: string, at = catalogue) =>
  decodePreset(`mode=upgrade&control-planes=3&workers=2&endpoint=10.0.0.100:6443&${query}`, at)
    .state;

function shellcheck(script: string): string {
  const check = spawnSync("shellcheck", ["--shell=sh", "-"], { input: script, encoding: "utf8" });
  if (check.error)
    throw new Error("shellcheck is needed for this test: install Debian's shellcheck");
  return check.stdout;
}

/** The text a here-document in the script writes to "$<variable>.new". */
function hereDocument(script: string, variable: string): string | undefined {
  const start = `cat >"$${variable}.new" <<'FKW_END_OF_FILE'\n`;
  const at = script.indexOf(start);
  if (at < 0) return undefined;
  const body = script.slice(at + start.length);
  return body.slice(0, body.indexOf("FKW_END_OF_FILE\n"));
}

describe("upgrade targets", () => {
  it("offers the next minor's patches and newer patches of the same minor, newest first", () => {
    expect(upgradeTargets(catalogue, "v1.35.1", "x86-64").map((r) => r.version)).toEqual([
      "v1.36.2",
      "v1.36.1",
      "v1.36.0",
      "v1.35.2",
    ]);
    expect(defaultUpgradeTarget(catalogue, "v1.35.1", "x86-64")).toBe("v1.36.2");
    expect(defaultUpgradeTarget(catalogue, "v1.37.0", "x86-64")).toBe("v1.37.2");
    expect(defaultUpgradeTarget(catalogue, "v1.37.2", "x86-64")).toBeUndefined();
  });

  it("refuses a skip, a downgrade, the same version, an unpublished one and a missing architecture, naming both versions", () => {
    const problem = (from: string, to: string, at = catalogue) =>
      upgradeTargetProblem(at, from, to, "arm64");
    expect(problem("v1.35.1", "v1.37.0")).toMatchObject({ kind: "skip" });
    expect(problem("v1.35.1", "v1.37.0")?.message).toContain(
      "v1.37.0 skips minor v1.36, and kubeadm upgrades one minor at a time. Upgrade from v1.35.1 to v1.36 first",
    );
    expect(problem("v1.33.1", "v1.36.0")?.message).toContain("skips minors v1.34 to v1.35");
    expect(problem("v1.35.1", "v1.34.2")).toMatchObject({ kind: "downgrade" });
    expect(problem("v1.35.1", "v1.34.2")?.message).toContain(
      "v1.34.2 is older than the cluster's v1.35.1",
    );
    expect(problem("v1.35.1", "v1.35.1")?.kind).toBe("same");
    expect(problem("v1.35.1", "v1.36.7")?.message).toContain(
      "the bakery publishes no v1.36.7, so a cluster at v1.35.1 cannot go there yet. Published: v1.36.2, v1.36.1, v1.36.0, v1.35.2",
    );
    const noArm = catalogueFrom(
      catalogue.releases.map((release) =>
        release.version === "v1.36.2" ? { ...release, arches: ["x86-64"] } : release,
      ),
      { kind: "snapshot", date: "2026-12-01" },
      "2026-12-01",
    );
    expect(problem("v1.35.1", "v1.36.2", noArm)?.message).toContain(
      "v1.36.2 has no arm64 image, and this cluster runs arm64 (v1.35.1)",
    );
    expect(problem("v1.35.1", "v1.36.2")).toBeUndefined();
    expect(problem("v1.35.1", "v1.35.2")).toBeUndefined();
  });

  it("blocks the download with the refusal, as readiness", () => {
    const state = cluster("k8s=v1.34.0&to=v1.36.1");
    const readiness = upgradeReadiness({ state, fieldErrors: {}, catalogue, today: "2026-12-01" });
    expect(readiness.ready).toBe(false);
    expect(readiness.blocking.map((item) => [item.rule, item.fields])).toEqual([
      ["upgrade-target", ["upgradeTo"]],
    ]);
    expect(readiness.blocking[0]?.message).toContain("v1.36.1 skips minor v1.35");
  });
});

describe("upgrade for every adjacent pair of minors the tables know, a 3+2 cluster", () => {
  const pairs = [...Array(10).keys()].map((n) => [27 + n, 28 + n] as const);
  for (const [from, to] of pairs) {
    for (const variant of ["upstream", "mirror and registry", "updates off"] as const) {
      it(`1.${from} → 1.${to}, ${variant}`, () => {
        const extra =
          variant === "mirror and registry"
            ? "&mirror=https://mirror.example.com/flatcar&registry=registry.example.com:5000"
            : variant === "updates off"
              ? "&updates=off"
              : "";
        const state = cluster(`k8s=v1.${from}.1&arch=arm64${extra}`);
        const plan = upgradePlan(state, catalogue);
        expect(plan.to).toBe(`v1.${to}.2`);
        expect(plan.problem).toBeUndefined();
        const readiness = upgradeReadiness({
          state,
          fieldErrors: {},
          catalogue,
          today: "2026-12-01",
        });
        expect(readiness.blocking).toEqual([]);
        const files = upgradeBundle(state, { ...plan, to: `v1.${to}.2` }, readiness);
        expect(files.map((file) => file.path)).toEqual([
          "README.md",
          "01-cp-1/upgrade.sh",
          "01-cp-1/renew-certificates.sh",
          "02-cp-2/upgrade.sh",
          "02-cp-2/renew-certificates.sh",
          "03-cp-3/upgrade.sh",
          "03-cp-3/renew-certificates.sh",
          "04-worker-1/upgrade.sh",
          "05-worker-2/upgrade.sh",
        ]);
        const text = (path: string) => files.find((file) => file.path === path)?.contents ?? "";
        for (const file of files.filter((entry) => entry.path.endsWith(".sh")))
          expect(shellcheck(file.contents), file.path).toBe("");

        const apply = `kubeadm upgrade apply "$to_version" --yes`;
        expect(text("01-cp-1/upgrade.sh")).toContain(apply);
        expect(text("01-cp-1/upgrade.sh")).toContain(`kubeadm upgrade plan "$to_version"`);
        expect(text("01-cp-1/upgrade.sh")).not.toContain("kubeadm upgrade node");
        for (const other of ["02-cp-2", "03-cp-3", "04-worker-1", "05-worker-2"]) {
          expect(text(`${other}/upgrade.sh`)).toContain("\nkubeadm upgrade node\n");
          expect(text(`${other}/upgrade.sh`)).not.toContain("upgrade apply");
        }
        const script = text("04-worker-1/upgrade.sh");
        expect(script).toContain(`to_version='v1.${to}.2'`);
        expect(script).toContain(`image='kubernetes-v1.${to}.2-arm64.raw'`);
        expect(script).toContain(`image_sha256='${digest(`v1.${to}.2`, "arm64")}'`);
        expect(script).toContain(`node='worker-1'`);
        expect(script).toContain(`kubernetes-v1.${from}.*-arm64.raw)`);
        // The transfer the node gets is the bakery's for the new minor, or the mirror's.
        const transfer = hereDocument(script, "transfer");
        if (variant === "updates off") expect(transfer).toBeUndefined();
        else expect(transfer).toBe(transferFileText(`v1.${to}`, state.mirror));
        if (variant === "mirror and registry") {
          expect(script).toContain(
            `image_url='https://mirror.example.com/flatcar/kubernetes/kubernetes-v1.${to}.2-arm64.raw'`,
          );
          expect(script).not.toContain("extensions.flatcar.org");
          expect(hereDocument(script, "containerd_config")).toContain(
            `sandbox_image = "registry.example.com:5000/registry.k8s.io/pause:${kubeadmImages(`v1.${to}.2`).pause.split(":")[1]}"`,
          );
        } else {
          expect(script).toContain(
            `image_url='https://extensions.flatcar.org/extensions/kubernetes-v1.${to}.2-arm64.raw'`,
          );
          expect(script).not.toContain("containerd");
        }

        const readme = text("README.md");
        const order = ["cp-1", "cp-2", "cp-3", "worker-1", "worker-2"].map((name) =>
          readme.indexOf(`kubectl drain ${name} --ignore-daemonsets`),
        );
        expect(order.every((at) => at > 0)).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(order);
        for (const name of ["cp-1", "cp-2", "cp-3", "worker-1", "worker-2"]) {
          const drain = readme.indexOf(`kubectl drain ${name} `);
          expect(readme.indexOf(`ssh core@${name} sudo sh upgrade.sh`)).toBeGreaterThan(drain);
          expect(readme.indexOf(`kubectl uncordon ${name}\n`)).toBeGreaterThan(drain);
        }
        expect(readme).toContain("snapshot save /var/lib/etcd/snapshot-before-");
        expect(readme).toContain(`k8s=v1.${to}.2`);
      });
    }
  }
});

describe("upgrade.sh", () => {
  const state = cluster("k8s=v1.35.1");
  const node = { name: "cp-1", position: "first-control-plane" as const };
  it("checks the catalogue's digest, or the bakery's SHA256SUMS line when there is none", () => {
    const pinned = upgradeScript({ state, node, to: "v1.36.2", imageSha256: "ab".repeat(32) });
    expect(pinned).toContain(`image_sha256='${"ab".repeat(32)}'`);
    const listed = upgradeScript({ state, node, to: "v1.36.2" });
    expect(listed).toContain("image_sha256=''");
    expect(listed).toContain(
      "listing_url='https://extensions.flatcar.org/extensions/kubernetes/SHA256SUMS'",
    );
    expect(shellcheck(listed)).toBe("");
  });

  it("quotes a host name as data", () => {
    const script = upgradeScript({
      state,
      node: { name: "it's", position: "worker" },
      to: "v1.36.2",
    });
    expect(script).toContain(`node='it'\\''s'`);
    expect(shellcheck(script)).toBe("");
  });

  it("with a registry, pins the target minor's etcd and CoreDNS tags in kubeadm-config before apply", () => {
    const registry = cluster("k8s=v1.35.1&registry=registry.example.com");
    const script = upgradeScript({ state: registry, node, to: "v1.36.2" });
    const from = kubeadmImages("v1.35.1");
    const to = kubeadmImages("v1.36.2");
    expect(from.etcdTag).not.toBe(to.etcdTag);
    expect(script).toContain(`s|imageTag: ${from.etcdTag}$|imageTag: ${to.etcdTag}|`);
    expect(script.indexOf("replace -f -")).toBeLessThan(
      script.indexOf(`kubeadm upgrade apply "$to_version" --yes`),
    );
  });
});

describe("the runbook's add-on steps", () => {
  it("keeps what runs when its own project lists the target minor too", () => {
    // Calico v3.31.7 lists 1.32–1.35, kured 1.20.0 lists 1.32–1.34: both stay for 1.33.
    const state = cluster("k8s=v1.32.1&cni=calico");
    expect(addonUpgrades(state, "v1.33.2")).toEqual([
      {
        name: "Pod network",
        current: "Calico v3.31.7",
        target: "Calico v3.31.7",
        commands: [],
        after: false,
      },
      {
        name: "kured",
        current: "kured 1.20.0",
        target: "kured 1.20.0",
        commands: [],
        after: false,
      },
    ]);
    const plan = upgradePlan({ ...state, upgradeTo: "v1.33.2" }, catalogue);
    const readme = upgradeBundle(state, { ...plan, to: "v1.33.2" })[0]?.contents;
    expect(readme).toContain(
      "- Pod network: Calico v3.31.7 supports v1.33 as well; nothing to change.",
    );
  });

  it("notes a pod network with no release for the target minor", () => {
    const state = cluster("k8s=v1.35.1&cni=cilium");
    const readiness = upgradeReadiness({ state, fieldErrors: {}, catalogue, today: "2026-12-01" });
    expect(readiness.warnings.find((item) => item.rule === "upgrade-addon")?.message).toContain(
      "No Cilium release known to this wizard lists Kubernetes 1.36",
    );
  });
});

describe("upgrade folders and the link", () => {
  it("numbers folders as wide as the count needs", () => {
    const nodes = Array.from({ length: 101 }, (_, index) => ({
      name: `n${index}`,
      position: "worker" as const,
    }));
    expect(upgradeFolders(nodes).slice(0, 2)).toEqual(["001-n0", "002-n1"]);
    expect(upgradeFolders(nodes.slice(0, 3))).toEqual(["01-n0", "02-n1", "03-n2"]);
  });

  it("keeps mode=upgrade and to= in the link; a minor means its newest patch", () => {
    const state = cluster("k8s=v1.35.1&to=v1.36");
    expect(state.upgradeTo).toBe("v1.36.2");
    expect(encodePreset(state)).toContain("mode=upgrade");
    expect(encodePreset(state)).toMatch(/&to=v1\.36\.2$/);
    expect(decodePreset(encodePreset(state), catalogue).state).toEqual(state);
    expect(decodePreset("mode=upgrade&to=v1.99", catalogue).notices[0]?.message).toContain(
      "publishes no v1.99 version yet",
    );
    expect(decodePreset("mode=upgrade&to=banana", catalogue).typed.upgradeTo).toBe("banana");
  });

  it("works with the embedded snapshot (no digests): the script reads the listing, readiness notes it", () => {
    const snapshot = embeddedCatalogue();
    const state = decodePreset("mode=upgrade&k8s=v1.35&workers=1", snapshot).state;
    const readiness = upgradeReadiness({ state, fieldErrors: {}, catalogue: snapshot });
    expect(readiness.ready).toBe(true);
    expect(readiness.warnings.map((item) => item.rule)).toContain("upgrade-digest-missing");
  });
});
