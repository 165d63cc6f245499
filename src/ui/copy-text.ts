/** Copies text to the clipboard; says in words what happened, for a status line. */
export async function copyText(text: string): Promise<{ ok: boolean; message: string }> {
  try {
    await navigator.clipboard.writeText(text);
    return { ok: true, message: "Copied." };
  } catch {
    return {
      ok: false,
      message: "The browser refused clipboard access: select the text and copy it by hand.",
    };
  }
}
