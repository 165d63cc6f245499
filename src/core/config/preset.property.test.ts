import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileButane } from "../butane/compile";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { renderNode } from "../render/render-node";
import { decodePreset, encodePreset } from "./preset";
import { wizardStateSchema } from "./wizard-state";
import { wizardStateArbitrary } from "./wizard-state-arbitrary";

const catalogue = embeddedCatalogue();
const states = wizardStateArbitrary(catalogue);
export const propertyRuns = { states: 300, presets: 2000 };

describe("properties of the preset and the render", () => {
  it(`for ${propertyRuns.states} random valid states, the Butane compiles with --strict and no message`, () => {
    fc.assert(
      fc.property(states, (state) => {
        expect(wizardStateSchema.safeParse(state).success).toBe(true);
        const rendered = renderNode(state);
        expect(rendered.compiled.reports).toEqual([]);
        expect(compileButane(rendered.butane, { strict: true }).exitCode).toBe(0);
      }),
      { numRuns: propertyRuns.states },
    );
  });

  it("render(decode(encode(state))) equals render(state), the secret aside", () => {
    fc.assert(
      fc.property(states, (state) => {
        const { state: decoded, notices } = decodePreset(encodePreset(state), catalogue);
        expect(notices).toEqual([]);
        expect(renderNode({ ...decoded, joinToken: state.joinToken }).butane).toBe(
          renderNode(state).butane,
        );
        expect(decoded.joinToken).toBe("");
      }),
      { numRuns: propertyRuns.states },
    );
  });

  it(`for ${propertyRuns.presets} arbitrary strings as a preset, decoding never throws and stays in the schema`, () => {
    const hostile = fc.oneof(
      fc.string({ unit: "binary", maxLength: 300 }),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc
        .array(
          fc.tuple(
            fc.constantFrom(
              "role",
              "k8s",
              "arch",
              "hostname",
              "window",
              "ssh",
              "extra",
              "endpoint",
              "ca-hash",
              "x",
              "%zz",
              "token",
            ),
            fc.string({ unit: "binary", maxLength: 80 }),
          ),
          { maxLength: 8 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")),
      fc.string({ maxLength: 50 }).map((s) => `?a=%${s}&b=%E0%A4%A`),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        const { state } = decodePreset(input, catalogue);
        expect(wizardStateSchema.safeParse(state).success).toBe(true);
        expect(state.joinToken).toBe("");
      }),
      { numRuns: propertyRuns.presets },
    );
  });
});
