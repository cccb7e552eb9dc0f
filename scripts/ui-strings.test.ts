/**
 * Every word the UI shows comes from the fr/en catalogues. This walks the renderer's TSX with
 * the TypeScript parser and fails on text written directly in JSX or in user-facing attributes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const RENDERER = join(import.meta.dirname, '..', 'renderer', 'src');
const USER_FACING_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'aria-description']);
// Text without a letter (punctuation, symbols, emoji) carries no language and may stay as-is.
const LANGUAGE_NEUTRAL = /^[^\p{L}]*$/u;

function tsxFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsxFiles(path);
    return entry.name.endsWith('.tsx') && !entry.name.endsWith('.test.tsx') ? [path] : [];
  });
}

function literalStrings(source: string, fileName = 'file.tsx'): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && !LANGUAGE_NEUTRAL.test(node.text)) found.push(node.text.trim());
    if (ts.isJsxAttribute(node) && USER_FACING_ATTRIBUTES.has(node.name.getText()) && node.initializer && ts.isStringLiteral(node.initializer) && node.initializer.text !== '') {
      found.push(`${node.name.getText()}="${node.initializer.text}"`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('UI strings', () => {
  it('the checker catches hard-coded text and attributes', () => {
    expect(literalStrings('const A = () => <p>Hello</p>;')).toEqual(['Hello']);
    expect(literalStrings('const A = () => <img alt="Logo" />;')).toEqual(['alt="Logo"']);
    expect(literalStrings('const A = () => <p>{t("x")} · </p>;')).toEqual([]);
  });

  it('no renderer component hard-codes user-facing text', () => {
    const offenders = tsxFiles(RENDERER).flatMap((path) => literalStrings(readFileSync(path, 'utf8'), path).map((text) => `${path}: ${text}`));
    expect(offenders).toEqual([]);
  });
});
