import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const ENTRIES = ['src/index.ts', 'src/testing/index.ts', 'adapters/memory/index.ts', 'adapters/postgres/index.ts', 'adapters/redis/index.ts'];

// Every public export carries TSDoc (DESIGN.md §8). Checked on the declarations the entries export.
describe('public API', () => {
  const program = ts.createProgram(
    ENTRIES.map((e) => `${root}/${e}`),
    { strict: true, moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, noEmit: true },
  );
  const checker = program.getTypeChecker();

  for (const entry of ENTRIES) {
    it(`${entry}: every export has TSDoc`, () => {
      const file = program.getSourceFile(`${root}/${entry}`)!;
      const moduleSymbol = checker.getSymbolAtLocation(file)!;
      const undocumented = checker
        .getExportsOfModule(moduleSymbol)
        .filter((exported) => {
          const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
          const documented = (symbol.getDeclarations() ?? []).some((d) => ts.getJSDocCommentsAndTags(d).length > 0 || hasLeadingDoc(d));
          return !documented;
        })
        .map((s) => s.getName());
      expect(undocumented).toEqual([]);
    });
  }
});

/** Variable declarations carry their doc on the statement, two levels up. */
function hasLeadingDoc(node: ts.Node): boolean {
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    const text = n.getSourceFile().getFullText();
    const ranges = ts.getLeadingCommentRanges(text, n.getFullStart()) ?? [];
    if (ranges.some((r) => text.slice(r.pos, r.pos + 3) === '/**')) return true;
  }
  return false;
}
