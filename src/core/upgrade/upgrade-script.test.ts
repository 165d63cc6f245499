import { describe, expect, it } from "vitest";
import { embeddedCatalogue } from "../catalogue/catalogue";
import { decodePreset } from "../config/preset";
import { upgradeScript } from "./upgrade-script";

describe("upgradeScript without a published digest", () => {
  const { state } = decodePreset(
    "mode=upgrade&k8s=v1.35.6&control-planes=3&workers=2&endpoint=10.0.0.100:6443&updates=patch&to=v1.36.1",
    embeddedCatalogue(),
  );
  const script = upgradeScript({
    state,
    node: { name: "worker-1", position: "worker" },
    to: "v1.36.1",
  });

  // A run resumed after a later step failed finds the image already downloaded: it must still
  // know the digest to check it against (the first-boot upgrade simulation runs this for real).
  it("reads SHA256SUMS before it checks an image already there", () => {
    const listing = script.indexOf('--output "$listing" "$listing_url"');
    const present = script.indexOf('if [ -f "$images/$image" ]; then');
    expect(listing).toBeGreaterThan(0);
    expect(present).toBeGreaterThan(listing);
  });
});
