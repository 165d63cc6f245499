/**
 * What must not stand in the help a person reads beside a field: upstream details belong under
 * its Details. The unit tests walk every help text with it, the browser test the page's.
 */
const upstreamPatterns: readonly [string, RegExp][] = [
  // #123 and owner/repo#123 alike.
  ["a PR or issue reference", /#\d+/],
  ["an API version", /\bv\d+(?:alpha|beta)\d+\b|kubeadm\.k8s\.io\/|\bapiVersion\b/],
  ["release notes", /\brelease[- ]notes?\b/i],
  ["a GitHub address", /github\.com/i],
  ["a URL", /\b[a-z][a-z\d+.-]*:\/\/\S|\bwww\./i],
];

/**
 * Example addresses of what to type (RFC 2606's example.com, .org, .net): they say what a
 * field takes, not where a fact comes from.
 */
const exampleAddress = /\bhttps?:\/\/(?:[\w-]+\.)*example\.(?:com|org|net)\b\S*/gi;

/** What the text carries that belongs under Details, e.g. "a URL", or undefined when it is plain. */
export function upstreamDetailIn(text: string): string | undefined {
  const checked = text.replace(exampleAddress, "");
  return upstreamPatterns.find(([, pattern]) => pattern.test(checked))?.[0];
}
