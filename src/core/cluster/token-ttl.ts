/** How long the bootstrap token lives: a choice with a trade-off the page states. */

export type TokenTtl = "24h" | "0";

export interface TokenTtlChoice {
  value: TokenTtl;
  label: string;
  tradeOff: string;
}

export const tokenTtlChoices: readonly TokenTtlChoice[] = [
  {
    value: "24h",
    label: "24 hours (kubeadm's default)",
    tradeOff:
      "A leaked token is useless after a day, but workers booted later cannot join with it: " +
      "create a new token on the control plane (kubeadm token create) for them.",
  },
  {
    value: "0",
    label: "Never expires",
    tradeOff:
      "Workers can join whenever they boot, from the same config, but anyone holding the token " +
      "can join a node to the cluster until you delete it with kubeadm token delete.",
  },
];
