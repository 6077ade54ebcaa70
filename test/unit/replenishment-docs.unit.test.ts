import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../../src/inventory/replenishment/index.ts', import.meta.url));

// Every public export of the replenishment engine carries TSDoc with an example (DESIGN.md §8).
describe('replenishment API docs', () => {
  it('every export has TSDoc with one @example', () => {
    const program = ts.createProgram([entry], {
      strict: true,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      noEmit: true,
    });
    const checker = program.getTypeChecker();
    const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
    const exported = checker.getExportsOfModule(moduleSymbol);
    expect(exported.length).toBeGreaterThan(20);
    const lacking = exported
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        const docs = (target.getDeclarations() ?? []).map(leadingDoc);
        return !docs.some((doc) => (doc.match(/@example/g) ?? []).length === 1);
      })
      .map((s) => s.getName());
    expect(lacking).toEqual([]);
  });
});

/** The `/** … *\/` comment before a declaration (variables carry it on their statement). */
function leadingDoc(node: ts.Node): string {
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    const text = n.getSourceFile().getFullText();
    const docs = (ts.getLeadingCommentRanges(text, n.getFullStart()) ?? []).filter((r) => text.slice(r.pos, r.pos + 3) === '/**');
    if (docs.length > 0) return docs.map((r) => text.slice(r.pos, r.end)).join('\n');
  }
  return '';
}
