import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useForm } from "react-hook-form";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../../core/catalogue/catalogue";
import type { FormInput } from "../../core/config/form-input";
import { decodePreset } from "../../core/config/preset";
import type { WizardState } from "../../core/config/wizard-state";
import { upgradeFolders, upgradeBundle } from "../../core/upgrade/upgrade-bundle";
import { upgradePlan } from "../../core/upgrade/upgrade-plan";
import { UpgradeOutput, upgradeZipName } from "./upgrade-output";
import { UpgradeSource } from "./upgrade-source";
import { UpgradeTargetField } from "./upgrade-target-field";

const catalogue = embeddedCatalogue();
const cluster = (query: string, version = "v1.35"): WizardState =>
  decodePreset(
    `mode=upgrade&k8s=${version}&control-planes=3&workers=2&endpoint=10.0.0.100:6443&${query}`,
    catalogue,
  ).state;

function Target({ state, typed = state.upgradeTo }: { state: WizardState; typed?: string }) {
  const form = useForm<FormInput>({ defaultValues: { ...state, upgradeTo: typed } });
  return <UpgradeTargetField form={form} catalogue={catalogue} state={state} typed={typed} />;
}

const options = (html: string) =>
  [...html.matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((match) => [
    match[1],
    match[2],
  ]);

describe("Upgrade to", () => {
  it("offers the default first, then the next minor's patches and the cluster's newer patches, newest first", () => {
    const html = renderToStaticMarkup(<Target state={cluster("", "v1.35.4")} />);
    const listed = options(html);
    expect(listed[0]).toEqual(["", "v1.36.2: the default, newest patch of v1.36"]);
    expect(listed.slice(1, 4)).toEqual([
      ["v1.36.2", "v1.36.2 (newest patch)"],
      ["v1.36.1", "v1.36.1"],
      ["v1.36.0", "v1.36.0"],
    ]);
    expect(listed.slice(4)).toEqual([
      ["v1.35.6", "v1.35.6 (newest patch)"],
      ["v1.35.5", "v1.35.5"],
    ]);
    expect(html).toContain("(newer patches of the cluster&#x27;s minor)");
    expect(html).not.toContain("field-error");
  });

  it("keeps a version from the link that kubeadm cannot reach, and says why, naming both versions", () => {
    const html = renderToStaticMarkup(<Target state={cluster("to=v1.36", "v1.34")} />);
    expect(options(html).at(-1)).toEqual([
      "v1.36.2",
      "v1.36.2 (not a version the cluster can go to)",
    ]);
    expect(html).toContain("Upgrade to: v1.36.2 skips minor v1.35");
    expect(html).toContain("Upgrade from v1.34.9 to v1.35 first");
    expect(html).toContain('aria-invalid="true"');
  });
});

describe("the upgrade's output", () => {
  const render = (state: WizardState) =>
    renderToStaticMarkup(
      <QueryClientProvider client={new QueryClient()}>
        <UpgradeOutput state={state} errors={{}} catalogue={catalogue} shareLink={null} />
      </QueryClientProvider>,
    );

  it("says Ready to upgrade, offers Download upgrade and previews the zip's README first", () => {
    const state = cluster("");
    const html = render(state);
    expect(html).toContain("Ready to upgrade, 1 note");
    expect(html).toContain('data-testid="readiness-upgrade"');
    expect(html).toContain("Download upgrade (.zip)</button>");
    const plan = upgradePlan(state, catalogue);
    const files = upgradeBundle(state, { ...plan, to: plan.to ?? "" });
    expect(options(html).map(([path]) => path)).toEqual(files.map((file) => file.path));
    expect(html).toContain('data-file="README.md"');
    expect(upgradeFolders(plan.nodes)).toEqual([
      "01-cp-1",
      "02-cp-2",
      "03-cp-3",
      "04-worker-1",
      "05-worker-2",
    ]);
    expect(upgradeZipName(state, "v1.36.2")).toBe("upgrade-kubernetes-v1.36.2.zip");
  });

  it("links the upgraded cluster and a worker for it at the target, so new nodes join at the new minor", () => {
    const html = render(cluster(""));
    expect(html).toMatch(/href="\?mode=cluster&amp;[^"]*k8s=v1\.36\.2&amp;/);
    expect(html).toMatch(/href="\?mode=join&amp;role=worker&amp;k8s=v1\.36\.2&amp;/);
  });

  it("names what blocks: a target two minors ahead", () => {
    const html = render(cluster("to=v1.36", "v1.34"));
    expect(html).toContain("1 thing to fix");
    expect(html).toContain("v1.36.2 skips minor v1.35");
  });
});

describe("where the upgrade starts", () => {
  it("asks for the cluster's link and offers its secrets file, saying where both are", () => {
    const html = renderToStaticMarkup(
      <UpgradeSource
        catalogue={catalogue}
        onApply={() => {}}
        loadSecrets={async () => undefined}
      />,
    );
    expect(html).toContain('<label for="field-clusterLink">The cluster&#x27;s share link</label>');
    expect(html).toContain("Load cluster-secrets.json</button>");
    expect(html).toContain("The link that made it");
  });
});
