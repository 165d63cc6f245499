import type { Choice } from "./choices";

/** A row of docs/choices.md's preset parameter table: its values and the spellings also read. */
interface ReadmeRow {
  values: string[];
  aliases: Map<string, string[]>;
  /** The default when it is written as a value (`calico`); undefined for words ("as installed"). */
  defaultValue: string | undefined;
}

const backticked = (text: string) =>
  [...text.matchAll(/`([^`]*)`/g)].map((match) => match[1] ?? "");

/**
 * Reads a values cell: `value` entries, each optionally followed by a parenthesis; in it,
 * "also read: `a`, `b`" names the aliases, anything else is explanation.
 */
function readValues(cell: string): Pick<ReadmeRow, "values" | "aliases"> {
  const values: string[] = [];
  const aliases = new Map<string, string[]>();
  // Parentheses do not nest in the table: drop explanations, keep what "also read" names.
  const pattern = /`([^`]*)`|\(([^)]*)\)/g;
  for (const match of cell.matchAll(pattern)) {
    if (match[1] !== undefined) {
      values.push(match[1]);
      continue;
    }
    const inside = match[2] ?? "";
    const also = inside.indexOf("also read:");
    const last = values.at(-1);
    if (also >= 0 && last !== undefined) aliases.set(last, backticked(inside.slice(also)));
  }
  return { values, aliases };
}

/** docs/choices.md's preset parameter table, by parameter. */
export function readmeParameterRows(readme: string): Map<string, ReadmeRow> {
  const rows = new Map<string, ReadmeRow>();
  for (const line of readme.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    // | `param` | values | default |
    if (cells.length !== 5 || !/^`[a-z-]+`$/.test(cells[1] ?? "")) continue;
    const param = (cells[1] as string).slice(1, -1);
    const defaultCell = cells[3] ?? "";
    rows.set(param, {
      ...readValues(cells[2] ?? ""),
      defaultValue: /^`[^`]*`$/.test(defaultCell) ? defaultCell.slice(1, -1) : undefined,
    });
  }
  return rows;
}

/**
 * Where docs/choices.md's parameter table differs from the choices table: a value or alias missing or
 * extra, or a default that is not the schema's. Empty when they agree.
 */
export function readmeParameterMismatches(
  readme: string,
  table: Record<string, Choice>,
  defaults: Record<string, string>,
): string[] {
  const rows = readmeParameterRows(readme);
  const problems: string[] = [];
  for (const [field, choice] of Object.entries(table)) {
    const row = rows.get(choice.param);
    if (!row) {
      problems.push(`${choice.param}: no row in docs/choices.md's parameter table`);
      continue;
    }
    // "" (the empty value) is described in words, never as a value.
    const expected = choice.values.map((entry) => entry.value).filter(Boolean);
    if (row.values.join(", ") !== expected.join(", "))
      problems.push(
        `${choice.param}: docs/choices.md lists ${row.values.join(", ")}; the table has ${expected.join(", ")}`,
      );
    for (const entry of choice.values) {
      const listed = row.aliases.get(entry.value) ?? [];
      const aliases = entry.aliases ?? [];
      if (listed.join(", ") !== aliases.join(", "))
        problems.push(
          `${choice.param}=${entry.value}: docs/choices.md reads ${listed.join(", ") || "no other spelling"}; the table ${aliases.join(", ") || "none"}`,
        );
    }
    const defaultValue = defaults[field];
    if (row.defaultValue !== undefined && row.defaultValue !== defaultValue)
      problems.push(
        `${choice.param}: docs/choices.md's default ${row.defaultValue}; the schema's ${defaultValue}`,
      );
    if (row.defaultValue === undefined && defaultValue !== "" && choice.param !== "mode")
      problems.push(
        `${choice.param}: docs/choices.md gives no default value; the schema's is ${defaultValue}`,
      );
  }
  return problems;
}
