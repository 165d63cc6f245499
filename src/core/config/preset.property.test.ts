import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileButane } from "../butane/compile";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { renderNode } from "../render/render-node";
import { decodePreset, encodePreset } from "./preset";
import { wizardStateSchema } from "./wizard-state";
import { wizardStateArbitrary } from "./wizard-state-arbitrary";
import {
  checkProperty,
  propertyTimeout,
  type PropertyBudget,
} from "../../test-support/property-run";

const catalogue = embeddedCatalogue();
const states = wizardStateArbitrary(catalogue);
export const propertyRuns = { states: 300, presets: 2000 };
// Fixed seeds; time limits that hold on a loaded 2-core machine (fewer cases, never a timeout).
const budgets = {
  compiles: { seed: 20260701, numRuns: propertyRuns.states, timeLimitMs: 12_000, minRuns: 30 },
  roundTrip: { seed: 20260702, numRuns: propertyRuns.states, timeLimitMs: 8_000, minRuns: 30 },
  hostile: { seed: 20260703, numRuns: propertyRuns.presets, timeLimitMs: 8_000, minRuns: 200 },
} satisfies Record<string, PropertyBudget>;

describe("properties of the preset and the render", () => {
  it(
    `for ${propertyRuns.states} random valid states, the Butane compiles with --strict and no message`,
    () => {
      checkProperty(
        "rendered Butane compiles",
        fc.property(states, (state) => {
          expect(wizardStateSchema.safeParse(state).success).toBe(true);
          const rendered = renderNode(state);
          expect(rendered.compiled.reports).toEqual([]);
          expect(compileButane(rendered.butane, { strict: true }).exitCode).toBe(0);
        }),
        budgets.compiles,
      );
    },
    propertyTimeout(budgets.compiles),
  );

  it(
    "render(decode(encode(state))) equals render(state), the secret aside",
    () => {
      checkProperty(
        "preset round trip",
        fc.property(states, (state) => {
          const { state: decoded, notices } = decodePreset(encodePreset(state), catalogue);
          expect(notices).toEqual([]);
          expect(renderNode({ ...decoded, joinToken: state.joinToken }).butane).toBe(
            renderNode(state).butane,
          );
          expect(decoded.joinToken).toBe("");
        }),
        budgets.roundTrip,
      );
    },
    propertyTimeout(budgets.roundTrip),
  );

  it(
    `for ${propertyRuns.presets} arbitrary strings as a preset, decoding never throws and stays in the schema`,
    () => {
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
      checkProperty(
        "hostile presets",
        fc.property(hostile, (input) => {
          const { state } = decodePreset(input, catalogue);
          expect(wizardStateSchema.safeParse(state).success).toBe(true);
          expect(state.joinToken).toBe("");
        }),
        budgets.hostile,
      );
    },
    propertyTimeout(budgets.hostile),
  );
});
