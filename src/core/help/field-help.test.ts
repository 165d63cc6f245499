import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { minorSupport } from "../catalogue/support-schedule";
import { addonReleaseFor } from "../cluster/addon-releases";
import { cniChoices, cniRelease } from "../cluster/cni";
import { kuredReleases } from "../render/kured";
import { choices, type Choice } from "../config/choices";
import { fieldDetails } from "./field-details";
import { fieldHelp } from "./field-help";
import { upstreamDetailIn } from "../config/plain-words";
import { defaultWizardState, type WizardState } from "../config/wizard-state";

/** Every choice's plain help: its own explanation and each value's. */
function choiceHelp(table: Record<string, Choice>): [string, string][] {
  return Object.entries(table).flatMap(([name, choice]) => [
    ...(choice.explanation ? [[name, choice.explanation] as [string, string]] : []),
    ...choice.values.flatMap((entry) =>
      entry.explanation ? [[`${name}=${entry.value}`, entry.explanation] as [string, string]] : [],
    ),
  ]);
}

const versions = embeddedCatalogue().minors.flatMap((group) =>
  group.releases.map((release) => release.version),
);

/** States that reach every branch of the help: each mode, role, bootstrap, HA and reboot choice. */
const states: WizardState[] = versions.flatMap((version) =>
  (["node", "cluster", "join", "upgrade"] as const).flatMap((mode) =>
    (["control-plane", "worker"] as const).flatMap((role) =>
      (["generated", "manual"] as const).flatMap((bootstrap) =>
        (["1", "3"] as const).flatMap((controlPlanes) =>
          (["kube-vip", "external"] as const).map((loadBalancer) => ({
            ...defaultWizardState(version),
            mode,
            role,
            bootstrap,
            controlPlanes,
            loadBalancer,
            reboot: controlPlanes === "1" ? "kured" : "locksmithd",
          })),
        ),
      ),
    ),
  ),
);

/** The typed fields' help, and the notes said beside the choices, in every state. */
function computedHelp(): [string, string][] {
  const found: [string, string][] = [];
  for (const state of states) {
    for (const digest of [undefined, "ab".repeat(32)]) {
      for (const [field, text] of Object.entries(fieldHelp(state, digest ? { digest } : {})))
        found.push([field, text]);
    }
    found.push([
      "kubernetesVersion support",
      minorSupport(state.kubernetesVersion, "2026-12-02").text,
    ]);
    const kured = addonReleaseFor("kured", kuredReleases, state.kubernetesVersion).note;
    if (kured) found.push(["kured note", kured]);
  }
  // Minors past every table: the notes that say an add-on is used untested.
  for (const version of [...versions, "v1.39.0", "v1.40.1"]) {
    for (const cni of cniChoices) {
      const release = cniRelease(cni, version);
      if (release) found.push([`cni=${cni}`, `${release.name}: ${release.note ?? ""}`]);
    }
  }
  return found;
}

/** The help that carries an upstream detail, as "where: what". */
function unplain(texts: [string, string][]): string[] {
  return texts.flatMap(([where, text]) => {
    const what = upstreamDetailIn(text);
    return what ? [`${where}: ${what} in "${text}"`] : [];
  });
}

describe("the help beside each field is plain", () => {
  it("no choice's help names a PR, an API version, release notes or a URL", () => {
    expect(choiceHelp(choices).length).toBeGreaterThan(25);
    expect(unplain(choiceHelp(choices))).toEqual([]);
  });

  it("no typed field's help does, in any mode or version", () => {
    const texts = computedHelp();
    expect(new Set(texts.map(([field]) => field))).toContain("upgradeTo");
    expect(unplain(texts)).toEqual([]);
  });

  it("bites: a planted PR, API version, release-note link or URL is found", () => {
    const planted = {
      ...choices,
      role: {
        ...choices.role,
        values: [
          ...choices.role.values,
          { value: "x", label: "x", explanation: "Removed (kubernetes/kubernetes#135773)." },
        ],
      },
    };
    expect(unplain(choiceHelp(planted))).toEqual([
      'role=x: a PR or issue reference in "Removed (kubernetes/kubernetes#135773)."',
    ]);
    expect(upstreamDetailIn("see #42")).toBe("a PR or issue reference");
    expect(upstreamDetailIn("kubeadm config: kubeadm.k8s.io/v1beta4")).toBe("an API version");
    expect(upstreamDetailIn("reads v1beta3 configs")).toBe("an API version");
    expect(upstreamDetailIn("set its apiVersion")).toBe("an API version");
    expect(upstreamDetailIn("see its release notes")).toBe("release notes");
    expect(upstreamDetailIn("from github.com/kubereboot/kured")).toBe("a GitHub address");
    expect(upstreamDetailIn("at https://kubernetes.io/releases/")).toBe("a URL");
    // An example of what to type is not a source.
    expect(upstreamDetailIn("e.g. https://mirror.example.com/flatcar")).toBeUndefined();
    expect(upstreamDetailIn("http:// in front for one without TLS")).toBeUndefined();
  });
});

describe("the Details keep the upstream facts", () => {
  it("the version's: its kubeadm config API and what that kubeadm changed", () => {
    const details = fieldDetails("kubernetesVersion", defaultWizardState("v1.36.2"));
    expect(details).toContain("kubeadm config: kubeadm.k8s.io/v1beta4.");
    expect(details.join(" ")).toContain("kubernetes/kubernetes#135773");
  });

  it("every field's, in every state, without throwing", () => {
    const fields = [...Object.keys(fieldHelp(states[0] as WizardState)), ...Object.keys(choices)];
    for (const state of states.filter((_, index) => index % 7 === 0))
      for (const field of fields)
        expect(fieldDetails(field as never, state).length, field).toBeGreaterThan(0);
  });

  it("kured's release notes and a CNI's compatibility are linked", () => {
    const state = { ...defaultWizardState("v1.36.2"), cni: "calico" as const };
    expect(fieldDetails("kuredInstall", state)).toContainEqual({
      label: "kured 1.23.0's release notes",
      url: "https://github.com/kubereboot/kured/releases/tag/1.23.0",
    });
    expect(fieldDetails("cni", state)).toContainEqual({
      label: "Calico v3.33.0's compatibility",
      url: "https://docs.tigera.io/calico/3.33/getting-started/kubernetes/requirements",
    });
  });
});
