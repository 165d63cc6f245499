import { CopyButton } from "../../ui/copy-button";

/** Copies the page's address with every choice (but no secret) as query parameters. */
export function ShareLinkButton({ query }: { query: string }) {
  // Prerendered at build time there is no address; the copied text is only read on a click.
  const url = new URL(
    typeof window === "undefined" ? "https://prerender.invalid/" : window.location.href,
  );
  url.search = query;
  url.hash = "";
  return <CopyButton text={url.toString()} label="Copy share link" />;
}
