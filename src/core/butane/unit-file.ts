/**
 * A systemd unit file reader that fails where go-systemd's unit.Deserialize
 * fails, with its messages. Returns the options (section and name) or an error.
 */
export function parseUnit(
  text: string,
): { options: { section: string; name: string }[] } | { error: string } {
  const options: { section: string; name: string }[] = [];
  let i = 0;
  const n = text.length;
  const toEol = (): string => {
    const nl = text.indexOf("\n", i);
    const end = nl < 0 ? n : nl;
    let line = text.slice(i, end);
    i = nl < 0 ? n : nl + 1;
    if (line.endsWith("\r")) line = line.slice(0, -1);
    return line;
  };
  const ignoreLine = (): void => {
    for (;;) {
      const line = toEol().replace(/ $/, "");
      if (!line.endsWith("\\") || i >= n) break;
    }
  };
  let section: string | null = null;
  // Before the first section only '[' and comments matter.
  for (;;) {
    if (section === null) {
      if (i >= n) return { options };
      const r = text.charAt(i++);
      if (r === "[") {
        const close = text.indexOf("]", i);
        if (close < 0) return { error: "unable to find end of section" };
        section = text.slice(i, close);
        i = close + 1;
        const garbage = toEol().trim();
        if (garbage !== "")
          return { error: `found garbage after section name : [${bytesOf(garbage)}]` };
      } else if (r === "#" || r === ";") ignoreLine();
      continue;
    }
    if (i >= n) return { options };
    const r = text.charAt(i);
    if (/\s/.test(r)) {
      i++;
      continue;
    }
    if (r === "[") {
      section = null;
      continue;
    }
    if (r === "#" || r === ";") {
      i++;
      ignoreLine();
      continue;
    }
    let name = "";
    for (;;) {
      if (i >= n) return { error: "EOF" };
      const c = text.charAt(i++);
      if (c === "\n" || c === "\r")
        return { error: "unexpected newline encountered while parsing option name" };
      if (c === "=") break;
      name += c;
    }
    for (;;) {
      const line = toEol();
      const idx = line.lastIndexOf("\\");
      if (idx === -1 || idx !== line.length - 1 || i >= n) break;
    }
    options.push({ section, name: name.trim() });
  }
}

function bytesOf(s: string): string {
  return [...new TextEncoder().encode(s)].join(" ");
}
