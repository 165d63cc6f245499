import { useForm } from "react-hook-form";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { embeddedCatalogue } from "../../core/catalogue/catalogue";
import type { FormInput } from "../../core/config/form-input";
import { defaultWizardState, type WizardState } from "../../core/config/wizard-state";
import { ChoicesForm } from "./choices-form";
import type * as ChoicesModule from "../../core/config/choices";

// A value added to a core choice, and nothing else edited: the form must offer it.
vi.mock("../../core/config/choices", async (original) => {
  const actual = await original<typeof ChoicesModule>();
  const extend = <C extends { values: readonly object[] }>(choice: C, value: object): C => ({
    ...choice,
    values: [...choice.values, value],
  });
  return {
    ...actual,
    choices: {
      ...actual.choices,
      arch: extend(actual.choices.arch, { value: "riscv64", label: "riscv64 (RISC-V)" }),
      channel: extend(actual.choices.channel, { value: "edge", label: "edge (nightly)" }),
      mode: extend(actual.choices.mode, { value: "fleet", label: "A fleet of clusters" }),
    },
  };
});

const catalogue = embeddedCatalogue();

function Form({ state }: { state: WizardState }) {
  const form = useForm<FormInput>({ defaultValues: state });
  return (
    <ChoicesForm
      form={form}
      catalogue={catalogue}
      release={undefined}
      state={state}
      errors={{}}
      cluster={null}
      upgradeSource={<p>THE-LINK-FIELD</p>}
      upgradeTarget={<p>THE-TARGET-FIELD</p>}
    />
  );
}

describe("the form maps over the core choices table", () => {
  it("offers a value added to a choice in core, as a radio button or an option", () => {
    const html = renderToStaticMarkup(<Form state={defaultWizardState("v1.36.2")} />);
    const radios = [...html.matchAll(/<input type="radio"[^>]*>/g)].map((match) => match[0]);
    const radio = (name: string, value: string) =>
      radios.some((tag) => tag.includes(`name="${name}"`) && tag.includes(`value="${value}"`));
    expect(radio("arch", "riscv64")).toBe(true);
    expect(radio("mode", "fleet")).toBe(true);
    expect(radio("arch", "sparc")).toBe(false);
    expect(html).toContain("riscv64 (RISC-V)");
    expect(html).toContain("A fleet of clusters");
    expect(html).toMatch(/<option value="edge">edge \(nightly\)<\/option>/);
  });

  it("in Upgrade a cluster, asks for the cluster's link first and the target after the version it runs", () => {
    const upgrading = renderToStaticMarkup(
      <Form state={{ ...defaultWizardState("v1.35.6"), mode: "upgrade" }} />,
    );
    const at = (text: string) => upgrading.indexOf(text);
    expect(at("Upgrade a cluster")).toBeGreaterThan(0);
    expect(at("THE-LINK-FIELD")).toBeGreaterThan(at("Upgrade a cluster"));
    expect(at("Kubernetes version the cluster runs now")).toBeGreaterThan(at("THE-LINK-FIELD"));
    expect(at("THE-TARGET-FIELD")).toBeGreaterThan(at("Kubernetes version the cluster runs now"));
    expect(at("THE-TARGET-FIELD")).toBeLessThan(at("Architecture"));
    // Other modes show neither.
    const node = renderToStaticMarkup(<Form state={defaultWizardState("v1.35.6")} />);
    expect(node).not.toContain("THE-LINK-FIELD");
    expect(node).not.toContain("THE-TARGET-FIELD");
  });
});
