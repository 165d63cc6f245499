/**
 * Every place a file names a module it imports, for the layer rules: static imports and
 * re-exports, dynamic `import()` and type-only `import("x")` types. Both rules count them all:
 * a type or a lazy import ties one file to another as a value import does.
 * `check(node, specifier)` is called with each string specifier.
 */
export function importVisitors(check) {
  const visit = (node, source) => {
    if (source?.type === "Literal" && typeof source.value === "string") check(node, source.value);
  };
  return {
    ImportDeclaration: (node) => visit(node, node.source),
    ExportNamedDeclaration: (node) => visit(node, node.source),
    ExportAllDeclaration: (node) => visit(node, node.source),
    ImportExpression: (node) => visit(node, node.source),
    TSImportType: (node) => visit(node, node.argument?.literal ?? node.argument),
  };
}
