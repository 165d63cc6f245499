import { CopyButton } from "../../ui/copy-button";

/** Copies the page's address with every choice (but no secret) as query parameters. */
export function ShareLinkButton({ query }: { query: string }) {
  const url = new URL(window.location.href);
  url.search = query;
  url.hash = "";
  return <CopyButton text={url.toString()} label="Copy share link" />;
}
