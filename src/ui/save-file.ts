/** Offers bytes or text to the browser as a download. */
export function saveFile(
  name: string,
  contents: string | Uint8Array<ArrayBuffer>,
  mediaType: string,
): void {
  const url = URL.createObjectURL(new Blob([contents], { type: mediaType }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.style.display = "none";
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
