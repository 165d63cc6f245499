/** Offers bytes or text to the browser as a download; says in words what happened. */
export function saveFile(
  name: string,
  contents: string | Uint8Array<ArrayBuffer>,
  mediaType: string,
): { ok: boolean; message: string } {
  try {
    const url = URL.createObjectURL(new Blob([contents], { type: mediaType }));
    const link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    // Revoke later: some browsers read the URL after click() returns.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return { ok: true, message: "" };
  } catch {
    return {
      ok: false,
      message: `The browser blocked the download of ${name}: use Copy instead, or allow downloads for this page.`,
    };
  }
}
