/**
 * The stand-ins upgrade.sh meets on PATH in the upgrade simulation, for what a scratch tree cannot
 * run: kubeadm, kubectl, systemctl, and curl (the network). Each records its arguments, one call a
 * line, to $FKW_CALLS; a call whose line equals the contents of $FKW_FAIL_ONCE fails once (the file
 * is removed), to test that the script resumes. Every other tool upgrade.sh calls is the real one.
 */
import { chmodSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { extensionSymlink } from "../../src/core/render/bakery.ts";

/** Records the call and fails it once when asked; `tool` is the stand-in's name. */
const prelude = (tool: string) => `set -eu
printf '%s\\n' "${tool} $*" >>"\${FKW_CALLS:?}"
if [ -n "\${FKW_FAIL_ONCE:-}" ] && [ -f "$FKW_FAIL_ONCE" ] && [ "$(cat "$FKW_FAIL_ONCE")" = "${tool} $*" ]; then
  rm -f "$FKW_FAIL_ONCE"
  echo "${tool} (stand-in): failing once, as the test asked" >&2
  exit 1
fi
`;

/**
 * kubeadm as the merged sysext provides it: its version is the image the tree's link points at
 * (no link or no image: no kubeadm at all). upgrade apply refuses a version other than its own,
 * as kubeadm refuses to upgrade past itself, and rewrites kube-apiserver.yaml to name it; upgrade
 * node does the same on a control plane (it upgrades the node's static pods).
 */
const kubeadm = `#!/bin/sh
# Stand-in for kubeadm (first-boot upgrade simulation).
${prelude("kubeadm")}root="\${UPGRADE_ROOT:?}"
target=$(readlink "$root${extensionSymlink}") || {
  echo "kubeadm: command not found (no kubernetes sysext merged)" >&2
  exit 127
}
[ -f "$root$target" ] || {
  echo "kubeadm: command not found ($target is not there to merge)" >&2
  exit 127
}
version=\${target##*/kubernetes-}
version=\${version%%-*}
manifest="$root/etc/kubernetes/manifests/kube-apiserver.yaml"
static_pods() {
  [ -f "$manifest" ] || return 0
  sed -i "s|/kube-apiserver:v[0-9.]*$|/kube-apiserver:$1|" "$manifest"
}
case "$*" in
  "version -o short") printf '%s\\n' "$version" ;;
  "upgrade plan "*)
    [ "$3" = "$version" ] || { echo "kubeadm $version: cannot plan an upgrade to $3" >&2; exit 1; }
    echo "[upgrade] You can now apply the upgrade by executing: kubeadm upgrade apply $3" ;;
  "upgrade apply "*" --yes")
    [ "$3" = "$version" ] || {
      # kubeadm's EnforceVersionPolicies (phases/upgrade/policy.go) says so, skippable only with --force.
      echo "[upgrade/version] FATAL: the --version argument is invalid due to these errors:" >&2
      echo "	- Specified version to upgrade to \\"$3\\" is higher than the kubeadm version \\"$version\\". Upgrade kubeadm first using the tool you used to install kubeadm" >&2
      exit 1
    }
    [ -f "$manifest" ] || { echo "kubeadm: no $manifest: not a control plane" >&2; exit 1; }
    static_pods "$3"
    echo "[upgrade] SUCCESS! A control plane node of your cluster was upgraded to \\"$3\\"." ;;
  "upgrade node")
    static_pods "$version"
    echo "[upgrade] The configuration for this node was successfully upgraded!" ;;
  *) echo "kubeadm (stand-in): unexpected arguments: $*" >&2; exit 1 ;;
esac
`;

const kubectl = `#!/bin/sh
# Stand-in for kubectl (first-boot upgrade simulation): the cluster is not there.
${prelude("kubectl")}case " $* " in
  *" -f - "*) cat >/dev/null ;;
esac
`;

const systemctl = `#!/bin/sh
# Stand-in for systemctl (first-boot upgrade simulation): no systemd runs the scratch tree.
${prelude("systemctl")}`;

/**
 * curl: the real one, given each URL after recording it in $FKW_URLS. With $FKW_BAKERY set, a URL
 * below it goes to $FKW_BAKERY_LOCAL instead (the bakery served from this machine); any URL that
 * is not then on 127.0.0.1 is refused as unreachable, as it is here.
 */
const curl = (realCurl: string) => `#!/bin/sh
# Stand-in for the network (first-boot upgrade simulation): records URLs, runs the real curl.
${prelude("curl")}for arg do
  shift
  case "$arg" in
    http://* | https://*)
      printf '%s\\n' "$arg" >>"\${FKW_URLS:?}"
      if [ -n "\${FKW_BAKERY:-}" ]; then
        case "$arg" in
          "$FKW_BAKERY"/*) arg="\${FKW_BAKERY_LOCAL:?}/\${arg#"$FKW_BAKERY"/}" ;;
        esac
      fi
      case "$arg" in
        http://127.0.0.1:*) ;;
        *)
          echo "curl: (6) Could not resolve host: the simulated node reaches only 127.0.0.1 ($arg)" >&2
          exit 6
          ;;
      esac
      ;;
  esac
  set -- "$@" "$arg"
done
exec ${realCurl} "$@"
`;

/** The stand-ins' texts by command name. */
export function standInScripts(realCurl: string): Record<string, string> {
  return { kubeadm, kubectl, systemctl, curl: curl(realCurl) };
}

/** Writes the stand-ins into `folder` (to go first on PATH); returns the folder. */
export function writeStandIns(folder: string, realCurl: string): string {
  mkdirSync(folder, { recursive: true });
  for (const [name, text] of Object.entries(standInScripts(realCurl))) {
    writeFileSync(path.join(folder, name), text);
    chmodSync(path.join(folder, name), 0o755);
  }
  return folder;
}

/** One recorded call: the command's name and its arguments as one line. */
export interface StandInCall {
  tool: string;
  args: string;
}

/** The lines of $FKW_CALLS as calls. */
export function parseCalls(log: string): StandInCall[] {
  return log
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => {
      const space = line.indexOf(" ");
      return space < 0
        ? { tool: line, args: "" }
        : { tool: line.slice(0, space), args: line.slice(space + 1) };
    });
}

export type Position = "first-control-plane" | "control-plane" | "worker";

/**
 * What is wrong with the calls of one successful run of upgrade.sh on a node: kubeadm upgrade plan
 * then apply on the first control plane only, upgrade node everywhere else, both after
 * systemd-sysext restarted and kubeadm answered the target version; the kubelet restarted after
 * kubeadm, with a daemon-reload first.
 */
export function callProblems(
  calls: readonly StandInCall[],
  position: Position,
  to: string,
): string[] {
  const problems: string[] = [];
  const lines = calls.map((call) => `${call.tool} ${call.args}`.trim());
  const at = (line: string) => lines.indexOf(line);
  const plan = at(`kubeadm upgrade plan ${to}`);
  const apply = at(`kubeadm upgrade apply ${to} --yes`);
  const node = at("kubeadm upgrade node");
  const sysext = at("systemctl restart systemd-sysext");
  const version = at("kubeadm version -o short");
  const reload = at("systemctl daemon-reload");
  const kubelet = at("systemctl restart kubelet");
  const upgrade = position === "first-control-plane" ? apply : node;
  if (position === "first-control-plane") {
    if (apply < 0) problems.push(`kubeadm upgrade apply ${to} --yes was not called`);
    if (plan < 0) problems.push(`kubeadm upgrade plan ${to} was not called`);
    else if (apply >= 0 && plan > apply) problems.push("kubeadm upgrade plan ran after apply");
    if (node >= 0) problems.push("kubeadm upgrade node was called on the first control plane");
  } else {
    if (node < 0) problems.push("kubeadm upgrade node was not called");
    if (lines.some((line) => line.startsWith("kubeadm upgrade apply")))
      problems.push(
        "kubeadm upgrade apply was called on a node other than the first control plane",
      );
  }
  if (sysext < 0) problems.push("systemd-sysext was not restarted");
  if (version < 0) problems.push("kubeadm version -o short was not asked");
  else if (sysext >= 0 && version < sysext)
    problems.push("kubeadm's version was asked before systemd-sysext restarted");
  if (upgrade >= 0 && version >= 0 && upgrade < version)
    problems.push("kubeadm upgraded before its version was checked");
  if (kubelet < 0) problems.push("the kubelet was not restarted");
  else {
    if (upgrade >= 0 && kubelet < upgrade)
      problems.push("the kubelet restarted before kubeadm upgraded");
    if (reload < 0 || reload > kubelet)
      problems.push("no systemctl daemon-reload before the kubelet restarted");
  }
  return problems;
}
