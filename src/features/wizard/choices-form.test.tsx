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
});
