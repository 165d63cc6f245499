/** The render command's help, apart from the command: `cli --help` prints it without loading the renderer. */
import {
  bundleReadmeFileName,
  butaneFileName,
  clusterSecretsFileName,
  ignitionFileName,
} from "../core/file-names";
import { choices, type Choice } from "../core/config/choices";

/** The preset's list parameters, from the choices table: values, and the spellings also read. */
function choiceParameterHelp(): string {
  return Object.values(choices as Record<string, Choice>)
    .map((choice) => {
      const values = choice.values.map((entry) => {
        const aliases = entry.aliases?.length ? ` (also ${entry.aliases.join(", ")})` : "";
        return `${entry.value === "" ? '""' : entry.value}${aliases}`;
      });
      return `  ${choice.param.padEnd(14)} ${values.join(", ")}`;
    })
    .join("\n");
}

/** The page offers up to 100 workers; automation may ask for more. */
export const maxCliWorkers = 1000;

export const renderUsage = `usage: cli render --preset 'QUERY-OR-URL' [--out DIR] [--workers N] [--control-planes N]
                  [--secrets FILE] [--join-token TOKEN] [--api URL] [--strict] [--allow-incomplete]

Writes the files the wizard offers for that preset (${butaneFileName}, ${ignitionFileName} and the
sysupdate files) to DIR, or prints ${butaneFileName} to stdout without --out.
With bootstrap=generated (the default) the cluster's CA and bootstrap token are generated
and written to DIR/${clusterSecretsFileName}, or read from --secrets FILE (a file the wizard or
this command wrote). --workers N writes a whole cluster: DIR/<node>/${butaneFileName} and
${ignitionFileName} for the control plane and N workers (up to ${maxCliWorkers}), the secrets file and a
README with the boot order. --control-planes 3 or 5 (as the preset's control-planes) makes
that many control planes, cp-1 … cp-N, sharing one endpoint: kube-vip's virtual IP
(lb=kube-vip, the default) or your load balancer (lb=external); the first runs kubeadm init,
the others join it. Uses the embedded release snapshot,
or with --api URL (e.g. https://api.github.com) the live release catalogue at URL; when
that fails it warns and uses the snapshot.
The join token is a secret and never part of a preset: pass --join-token or set
FKW_JOIN_TOKEN.
Before writing, the files are checked as the page checks them: what would keep them from
booting (a worker without an endpoint or join token, --workers without endpoint, a value
that is not valid, extra Butane that does not compile, ...) is printed as an error and
nothing is written (exit 1); notes are printed as warnings. --allow-incomplete writes the
files anyway, with the problems at the top of DIR/${bundleReadmeFileName}. --strict makes any warning, an
ignored preset parameter, or an unavailable --api an error (exit 1).

Preset parameters with a list of values (docs/choices.md lists them all):
${choiceParameterHelp()}
`;
