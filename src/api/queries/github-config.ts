import { createGithubClient, type GithubClient } from "../github/github-client";
import { browserStore } from "../github/key-value-store";

/** Build-time choice of API (a mirror, a test server); GitHub's by default. */
export const githubApiBase: string =
  (import.meta.env.VITE_GITHUB_API as string | undefined) || "https://api.github.com";

/** The page's one client: ETags and the rate-limit wait live in localStorage. */
export const browserGithubClient: GithubClient = createGithubClient({
  apiBase: githubApiBase,
  store: browserStore(),
});
