/**
 * The prerendered form's controls with their values as HTML attributes. react-hook-form's
 * register() sets values from script, so server-rendered markup has none: without JavaScript
 * the fields would read empty. React tolerates these extra attributes when hydrating, and
 * react-hook-form then sets the very same values.
 */
const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

const escapeAttribute = (value: string) =>
  value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
const escapeText = (value: string) => value.replace(/&/g, "&amp;").replace(/</g, "&lt;");

/** HTML-decoded attribute value: React escapes &, <, >, " and '. */
const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

const withAttribute = (tag: string, tagName: string, added: string) =>
  tag.replace(new RegExp(`^<${tagName}`), `<${tagName} ${added}`);

export function withFormValues(html: string, values: Record<string, string>): string {
  const valueOf = (tag: string) => {
    const name = attribute(tag, "name");
    return name !== undefined && Object.hasOwn(values, decode(name))
      ? values[decode(name)]
      : undefined;
  };
  let out = html.replace(/<input\b[^>]*>/g, (tag) => {
    const value = valueOf(tag);
    if (
      value === undefined ||
      (attribute(tag, "value") !== undefined && attribute(tag, "type") !== "radio")
    )
      return tag;
    const type = attribute(tag, "type") ?? "text";
    if (type === "radio")
      return decode(attribute(tag, "value") ?? "") === value && !/\schecked=/.test(tag)
        ? withAttribute(tag, "input", 'checked=""')
        : tag;
    if (type === "text" && value !== "")
      return withAttribute(tag, "input", `value="${escapeAttribute(value)}"`);
    return tag;
  });
  out = out.replace(
    /(<select\b[^>]*>)([\s\S]*?)(<\/select>)/g,
    (whole, open: string, body: string, close: string) => {
      const value = valueOf(open);
      if (value === undefined) return whole;
      const options = body.replace(/<option\b[^>]*>/g, (tag) =>
        decode(attribute(tag, "value") ?? "") === value && !/\sselected=/.test(tag)
          ? withAttribute(tag, "option", 'selected=""')
          : tag,
      );
      return `${open}${options}${close}`;
    },
  );
  out = out.replace(/(<textarea\b[^>]*>)(<\/textarea>)/g, (whole, open: string, close: string) => {
    const value = valueOf(open);
    return value ? `${open}${escapeText(value)}${close}` : whole;
  });
  return out;
}
