import { describe, expect, it } from "vitest";
import { readFormInput } from "./form-input";
import { defaultWizardState } from "./wizard-state";

const defaults = defaultWizardState("v1.36.2");

describe("readFormInput", () => {
  it("takes valid values, trimming pasted white space", () => {
    const { state, errors } = readFormInput(
      {
        ...defaults,
        role: "worker",
        hostname: " node-1\n",
        joinToken: "abcdef.0123456789abcdef\n",
      },
      defaults,
    );
    expect(errors).toEqual({});
    expect(state).toMatchObject({
      role: "worker",
      hostname: "node-1",
      joinToken: "abcdef.0123456789abcdef",
    });
  });

  it("leaves an invalid text value out and names the field and what is allowed", () => {
    const { state, errors } = readFormInput(
      {
        ...defaults,
        hostname: "Node 1",
        controlPlaneEndpoint: "10.0.0.1",
        caCertHash: "sha256:xyz",
      },
      defaults,
    );
    expect(state.hostname).toBe("");
    expect(state.controlPlaneEndpoint).toBe("");
    expect(errors.hostname).toMatch(/^Hostname: a host name of lower-case letters/);
    expect(errors.controlPlaneEndpoint).toMatch(/^Control plane endpoint: host:port/);
    expect(errors.caCertHash).toMatch(/^CA cert hash: 'sha256:' followed by 64/);
  });

  it("keeps the last good choice for a value outside its list", () => {
    const { state, errors } = readFormInput(
      { ...defaults, arch: "sparc" },
      { ...defaults, arch: "arm64" },
    );
    expect(state.arch).toBe("arm64");
    expect(errors.arch).toMatch(/^Architecture: /);
  });
});
