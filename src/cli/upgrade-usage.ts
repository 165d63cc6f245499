/** The upgrade command's help: `cli --help` prints it without loading the command. */
export const upgradeUsage = `usage: cli upgrade --preset 'QUERY-OR-URL' [--to VERSION] [--workers N] [--control-planes N]
                   [--out DIR] [--api URL] [--strict]

Takes a cluster made by the wizard (its share link, which every README and cluster-secrets.json
records) to VERSION: a patch of the next minor (v1.36.2, or v1.36 for its newest patch) or a
newer patch of its own minor; the newest patch of the next minor when --to is left out.
kubeadm upgrades one minor at a time: a skip, a downgrade or an unpublished version is refused.
--workers and --control-planes override the link's counts.
Without --out, prints the runbook (README.md). With --out DIR, writes README.md and one folder
per node in upgrade order (NN-<node>/upgrade.sh; renew-certificates.sh on control planes).
Exits 1 when the upgrade cannot work as asked (the reasons on stderr), 2 on bad arguments.
`;
