/** The mirror command's help: `cli --help` prints it without loading the command. */
export const mirrorUsage = `usage: cli mirror --preset 'QUERY-OR-URL' [--workers N] [--control-planes N]
                  [--json | --script] [--download DIR [--from URL]] [--api URL] [--strict]

Prints every URL the nodes of that preset fetch (the sysext images, the sysupdate transfer
files and the listing systemd-sysupdate reads, the CNI and kured manifests), each with its
sha256 where known and where it comes from, then every container image they pull with its
name in the preset's registry. A preset with mode=cluster, or --workers N, lists the whole
cluster (the control planes and N workers); otherwise the one node.
--json prints the same as JSON; --script prints a shell script that fills a mirror folder
with curl and the registry with skopeo.
--download DIR fetches the files into DIR laid out as the preset's mirror= serves them
(the bakery's paths, other hosts as <host>/<path>), checks each against its known sha256,
writes each extension folder's SHA256SUMS for the images it holds (checked against the
upstream SHA256SUMS), and writes DIR/images.txt: each image and its name in the registry,
with the images the downloaded manifests name. --from URL copies from another mirror of
the same layout instead of upstream.
`;
