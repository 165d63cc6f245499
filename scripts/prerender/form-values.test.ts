import { describe, expect, it } from "vitest";
import { prerenderDataId } from "../../src/app/prerender-data";
import { withFormValues } from "./form-values";
import { prerenderDataId as pluginDataId } from "./vite-plugin-prerender";

describe("withFormValues", () => {
  it("gives text inputs, radios, selects and text areas their values as attributes", () => {
    const html =
      '<input type="text" id="field-host" name="host"/>' +
      '<input type="radio" name="arch" value="x86-64"/><input type="radio" name="arch" value="arm64"/>' +
      '<select id="field-k8s" name="k8s"><option value="v1.35.0">v1.35.0</option><option value="v1.36.2">v1.36.2</option></select>' +
      '<textarea name="keys"></textarea><input type="text" name="other"/>';
    const out = withFormValues(html, {
      host: 'a"<b&',
      arch: "arm64",
      k8s: "v1.36.2",
      keys: "ssh-ed25519 <x>",
    });
    expect(out).toContain(
      '<input value="a&quot;&lt;b&amp;" type="text" id="field-host" name="host"/>',
    );
    expect(out).toContain('<input type="radio" name="arch" value="x86-64"/>');
    expect(out).toContain('<input checked="" type="radio" name="arch" value="arm64"/>');
    expect(out).toContain('<option selected="" value="v1.36.2">');
    expect(out).not.toContain('<option selected="" value="v1.35.0">');
    expect(out).toContain('<textarea name="keys">ssh-ed25519 &lt;x></textarea>');
    expect(out).toContain('<input type="text" name="other"/>');
  });

  it("leaves empty values and controls that already say their value alone", () => {
    const html = '<input type="text" name="host"/><input type="checkbox" name="on" checked=""/>';
    expect(withFormValues(html, { host: "", on: "on" })).toBe(html);
  });
});

it("the plugin writes the data block main.tsx reads", () => {
  expect(pluginDataId).toBe(prerenderDataId);
});
