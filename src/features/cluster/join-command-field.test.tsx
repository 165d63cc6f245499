import { useForm } from "react-hook-form";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import type { FormInput } from "../../core/config/form-input";
import { encodePreset } from "../../core/config/preset";
import { defaultWizardState, type WizardState } from "../../core/config/wizard-state";
import { ClusterFields } from "./cluster-fields";
import { fillFromJoinCommand } from "./join-command-field";

const token = "abcdef.0123456789abcdef";
const hash = `sha256:${"ab".repeat(32)}`;
const line = `kubeadm join 10.0.0.10:6443 --token ${token} --discovery-token-ca-cert-hash ${hash}`;

function Fields({ state }: { state: WizardState }) {
  const form = useForm<FormInput>({ defaultValues: state });
  return <ClusterFields form={form} state={state} errors={{}} />;
}

const joinState = (bootstrap: WizardState["bootstrap"]): WizardState => ({
  ...defaultWizardState("v1.36.2"),
  mode: "join",
  role: "worker",
  bootstrap,
});

describe("fillFromJoinCommand", () => {
  it("sets the three fields as typing would, dirty and validated, and never shows the token", async () => {
    const setValue = vi.fn();
    const outcome = await fillFromJoinCommand(`$ sudo ${line} --node-name w1`, setValue);
    const options = { shouldDirty: true, shouldValidate: true };
    expect(setValue.mock.calls).toEqual([
      ["controlPlaneEndpoint", "10.0.0.10:6443", options],
      ["joinToken", token, options],
      ["caCertHash", hash, options],
    ]);
    expect(outcome.ok).toBe(true);
    expect(outcome.messages[0]).toBe(
      "Filled Control plane endpoint (10.0.0.10:6443), Join token and CA cert hash from the join command.",
    );
    expect(outcome.messages[1]).toContain("left out --node-name");
    expect(outcome.messages.join(" ")).not.toContain(token);
  });

  it("changes nothing for a line it cannot use, and says what is wrong", async () => {
    const setValue = vi.fn();
    const outcome = await fillFromJoinCommand(line.replace(token, "xyz"), setValue);
    expect(setValue).not.toHaveBeenCalled();
    expect(outcome).toEqual({
      ok: false,
      messages: [
        "Join command: the token 'xyz' is not 6 then 16 lower-case letters or digits joined by '.', e.g. abcdef.0123456789abcdef.",
      ],
    });
  });

  it("fills values the share link keeps, except the token", async () => {
    const setValue = vi.fn();
    await fillFromJoinCommand(line, setValue);
    const filled = Object.fromEntries(
      setValue.mock.calls.map(([field, value]) => [field, value] as [string, string]),
    );
    const link = encodePreset({ ...joinState("manual"), ...filled });
    expect(link).toContain("endpoint=10.0.0.10%3A6443");
    expect(link).toContain(`ca-hash=${encodeURIComponent(hash)}`);
    expect(link).not.toContain(token);
  });
});

describe("the join command field", () => {
  it("sits above the endpoint, token and hash of a manual worker, with plain help", () => {
    const html = renderToStaticMarkup(<Fields state={joinState("manual")} />);
    expect(html).toContain('<label for="field-joinCommand">Paste the join command</label>');
    expect(html).toContain(
      "Run kubeadm token create --print-join-command on a control plane and paste the line it prints",
    );
    expect(html).toContain('<button type="button">Fill endpoint, token and hash</button>');
    expect(html.indexOf("field-joinCommand")).toBeLessThan(
      html.indexOf("field-controlPlaneEndpoint"),
    );
    // Not a form field: the share link is made from the form's values.
    expect(/<textarea[^>]*id="field-joinCommand"[^>]*>/.exec(html)?.[0]).not.toContain("name=");
  });

  it("is not offered with zero-touch bootstrap, where a note points to Manual instead", () => {
    const html = renderToStaticMarkup(<Fields state={joinState("generated")} />);
    expect(html).not.toContain("field-joinCommand");
    expect(html).toContain("Choose Manual and paste it.");
  });
});
