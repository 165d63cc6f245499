import { describe, expect, it } from "vitest";
import { defaultWizardState, withModeRules, type WizardState } from "../config/wizard-state";
import { renderNode } from "../render/render-node";
import { bundleReadme } from "./node-bundle";
import { nextSteps, nextStepsMarkdown } from "./next-steps";

const state = (changes: Partial<WizardState>) =>
  withModeRules({ ...defaultWizardState("v1.36.2"), ...changes });

describe("next steps", () => {
  it("boot the file on bare metal, in QEMU and on clouds, with the user-data limits", () => {
    const text = nextStepsMarkdown(state({ controlPlaneEndpoint: "10.0.0.10:6443" }));
    expect(text).toContain("sudo flatcar-install -d /dev/sda -i config.ign");
    expect(text).toContain("-fw_cfg name=opt/org.flatcar-linux/config,file=config.ign");
    expect(text).toContain("16 KB");
    expect(text).toContain("ssh core@10.0.0.10");
    expect(text).toContain("scp core@10.0.0.10:/etc/kubernetes/admin.conf ./kubeconfig");
    expect(text).toContain("kubectl --kubeconfig ./kubeconfig get nodes");
  });

  it("follow the mode: a cluster's control plane folder, a worker's join check", () => {
    const cluster = nextStepsMarkdown(state({ mode: "cluster", hostname: "cp-1" }));
    expect(cluster).toContain("-i cp-1/config.ign");
    const join = nextSteps(state({ mode: "join", bootstrap: "manual", hostname: "w-4" }));
    expect(join.map((step) => step.title)).toContain("Check that it joined");
    expect(join.find((step) => step.title === "Reach the node")?.commands).toBe("ssh core@w-4");
    expect(join.at(-1)?.commands).toBe("sudo kubeadm token create --print-join-command");
  });

  it("are in every node README", () => {
    const node = state({ controlPlaneEndpoint: "10.0.0.10:6443" });
    expect(bundleReadme(node, renderNode(node).files)).toContain("## Next steps");
  });
});
