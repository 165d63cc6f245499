import bash from "highlight.js/lib/languages/bash";
import markdown from "highlight.js/lib/languages/markdown";
import { highlightTree, lowlight } from "./highlighter";

/**
 * Shell scripts and Markdown, for the upgrade's scripts and runbook: added to the preview's
 * highlighter when first needed, so the default page's first load does not carry them.
 */
lowlight.register({ bash, markdown });

export { highlightTree };
