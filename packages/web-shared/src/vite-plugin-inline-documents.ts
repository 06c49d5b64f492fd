import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';

/**
 * Replaces each `graphql(`…`)` call with the pre-parsed document codegen generated for it.
 *
 * At run time the client preset's `graphql()` looks documents up in one map holding every
 * operation of the app, so that map would land in the initial chunk and grow with each page.
 * Inlining keeps each operation in the chunk of the page that uses it (what the preset's Babel
 * plugin does; this build has no Babel).
 */
export function inlineGraphqlDocuments(generatedDir: string): Plugin {
  let byText = new Map<string, string>();

  const load = () => {
    const gql = readFileSync(path.join(generatedDir, 'gql.ts'), 'utf8');
    const graphql = readFileSync(path.join(generatedDir, 'graphql.ts'), 'utf8');
    const astByName = new Map<string, string>();
    for (const m of graphql.matchAll(/^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/gm)) astByName.set(m[1], m[2]);
    byText = new Map();
    // The runtime map: `"<document text>": types.<Name>,` — the text is a JSON-compatible string literal.
    for (const m of gql.matchAll(/^ {4}("(?:[^"\\]|\\.)*"): types\.(\w+),$/gm)) {
      const ast = astByName.get(m[2]);
      if (ast) byText.set(JSON.parse(m[1]) as string, ast);
    }
  };

  return {
    name: 'inline-graphql-documents',
    apply: 'build',
    enforce: 'pre',
    buildStart: load,
    transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(path.resolve(generatedDir)) || !code.includes('graphql(`')) return null;
      const out = code.replace(/\bgraphql\(`([^`]*)`\)/g, (_, text: string) => {
        const ast = byText.get(text);
        if (!ast) throw new Error(`${id}: no generated document for a graphql() call; run codegen first`);
        return ast;
      });
      return { code: out, map: null };
    },
  };
}
