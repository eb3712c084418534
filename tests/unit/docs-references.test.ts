/**
 * The docs cannot rot silently:
 * (a) every `docs/<file>.md#<anchor>` reference in the code (src-main, src-renderer, tests,
 *     scripts, resources) and every in-docs link names an existing file and anchor — anchors
 *     are the explicit `<a id="…"></a>` of that file (docs/domain.md explains the choice);
 * (b) nothing there cites the steering notes a fresh clone does not have;
 * (c) every file, export and test title named on an "Implemented by" / "Tested by" line of
 *     docs/domain.md exists: the file is there, the export is exported from it (TypeScript's
 *     own view of the module), the test title is in the test file.
 * Each check lists every broken reference it finds, with where it was found.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');
const rel = (file: string) => path.relative(root, file).split(path.sep).join('/');

const SCANNED_DIRS = ['src-main', 'src-renderer', 'tests', 'scripts', 'resources'];
const TEXT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.json', '.css', '.html', '.md', '.sql', '.csv', '.txt']);
const SKIPPED_DIRS = new Set(['node_modules', '__snapshots__', 'artifacts']);

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return SKIPPED_DIRS.has(e.name) ? [] : walk(full);
    return TEXT_EXTENSIONS.has(path.extname(e.name)) ? [full] : [];
  });
}

const docsDir = path.join(root, 'docs');
const docFiles = walk(docsDir).filter((f) => f.endsWith('.md'));
const codeFiles = SCANNED_DIRS.flatMap((d) => walk(path.join(root, d)));
const readme = path.join(root, 'README.md');

/** The explicit anchors of a docs file: `<a id="…"></a>` on a line of its own. */
function anchorsOf(file: string): string[] {
  return [...fs.readFileSync(file, 'utf8').matchAll(/^<a\s+id="([^"]+)"\s*><\/a>\s*$/gm)].map((m) => m[1]!);
}

interface Reference {
  where: string;
  target: string;
  anchor: string | null;
}

/** Why a reference does not resolve, or null when it does. */
function brokenReason(r: Reference): string | null {
  const file = path.join(docsDir, r.target);
  if (!fs.existsSync(file)) return `no file docs/${r.target}`;
  if (r.anchor !== null && !anchorsOf(file).includes(r.anchor)) return `no anchor #${r.anchor} in docs/${r.target}`;
  return null;
}

function lineOf(text: string, index: number): number {
  return text.slice(0, index).split('\n').length;
}

/** A docs path, with or without its #anchor, anywhere in a code file (comments are where they live). */
function codeReferences(): Reference[] {
  const out: Reference[] = [];
  const pattern = /\bdocs\/([\w.-]+\.md)(?:#([\w-]+))?/g;
  for (const file of [...codeFiles, readme]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(pattern)) out.push({ where: `${rel(file)}:${lineOf(text, m.index)}`, target: m[1]!, anchor: m[2] ?? null });
  }
  return out;
}

/** Markdown links inside docs/: `](#anchor)` and `](other.md#anchor)`. */
function docLinks(): Reference[] {
  const out: Reference[] = [];
  for (const file of docFiles) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\]\(([\w.-]+\.md)?(?:#([\w-]+))?\)/g)) {
      if (m[1] === undefined && m[2] === undefined) continue;
      out.push({ where: `${rel(file)}:${lineOf(text, m.index)}`, target: m[1] ?? path.basename(file), anchor: m[2] ?? null });
    }
  }
  return out;
}

function broken(refs: Reference[]): string[] {
  return refs.flatMap((r) => {
    const why = brokenReason(r);
    return why === null ? [] : [`${r.where}: ${why}`];
  });
}

interface Named {
  /** Where in docs/domain.md. */
  where: string;
  kind: 'Implemented by' | 'Tested by';
  file: string;
  exports: string[];
  titles: string[];
}

const DOMAIN = path.join(docsDir, 'domain.md');

/**
 * The "- **Implemented by:**" and "- **Tested by:**" lines: a `path/with.ext` in backticks
 * starts a file; the `identifiers` after it are its exports, the “titles” its test titles.
 */
function namedInDomain(): Named[] {
  const out: Named[] = [];
  const lines = fs.readFileSync(DOMAIN, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const head = /^\s*[-*]\s+\*\*(Implemented by|Tested by):\*\*(.*)$/.exec(line);
    if (!head) return;
    const kind = head[1] as Named['kind'];
    let current: Named | null = null;
    for (const m of head[2]!.matchAll(/`([^`]+)`|“([^”]+)”/g)) {
      const [, code, title] = m;
      if (code !== undefined && /^[\w.-]+(\/[\w.-]+)+\.\w+$/.test(code)) {
        current = { where: `docs/domain.md:${i + 1}`, kind, file: code, exports: [], titles: [] };
        out.push(current);
      } else if (current === null) {
        out.push({ where: `docs/domain.md:${i + 1}`, kind, file: `(no file before ${code ?? title})`, exports: [], titles: [] });
      } else if (code !== undefined) {
        current.exports.push(code);
      } else {
        current.titles.push(title!);
      }
    }
  });
  return out;
}

/** The export names of each module, as TypeScript resolves them under the project's tsconfig (re-exports and path aliases included). */
function exportsOf(files: string[]): Map<string, Set<string>> {
  const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (f) => ts.sys.readFile(f));
  const { options } = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root);
  const program = ts.createProgram(files, { ...options, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const out = new Map<string, Set<string>>();
  for (const file of files) {
    const source = program.getSourceFile(file);
    const symbol = source ? checker.getSymbolAtLocation(source) : undefined;
    out.set(file, new Set(symbol ? checker.getExportsOfModule(symbol).map((s) => s.getName()) : []));
  }
  return out;
}

describe('docs references', () => {
  it('docs/domain.md has its anchors, each once', () => {
    const anchors = anchorsOf(DOMAIN);
    const twice = anchors.filter((a, i) => anchors.indexOf(a) !== i);
    expect(anchors.length).toBeGreaterThan(20);
    expect(twice, `anchors defined twice in docs/domain.md`).toEqual([]);
  });

  it('(a) every docs/<file>.md#<anchor> in the code, and every link inside docs/, resolves', () => {
    const refs = codeReferences();
    // The comments that once cited the steering notes cite docs/domain.md now.
    expect(refs.filter((r) => r.target === 'domain.md').length).toBeGreaterThanOrEqual(20);
    const bad = [...broken(refs), ...broken(docLinks())];
    expect(bad, `broken docs references:\n${bad.join('\n')}`).toEqual([]);
  });

  it('(b) nothing cites the steering notes (their DOMAIN file, the shared folder beside the repo), which a fresh clone does not have', () => {
    const forbidden = [/\bDOMAIN\.md\b/, /\.\.\/shared\b/];
    const hits = [...codeFiles, readme, ...docFiles].flatMap((file) =>
      fs
        .readFileSync(file, 'utf8')
        .split('\n')
        .flatMap((line, i) => (forbidden.some((p) => p.test(line)) ? [`${rel(file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits, `cites what a fresh clone does not have:\n${hits.join('\n')}`).toEqual([]);
  });

  it('(c) every file, export and test title named on an "Implemented by" / "Tested by" line exists', () => {
    const named = namedInDomain();
    expect(named.filter((n) => n.kind === 'Implemented by').length).toBeGreaterThan(20);
    expect(named.filter((n) => n.kind === 'Tested by').length).toBeGreaterThan(20);
    const problems: string[] = [];
    const present = named.filter((n) => {
      const ok = fs.existsSync(path.join(root, n.file));
      if (!ok) problems.push(`${n.where}: ${n.kind} names a missing file ${n.file}`);
      return ok;
    });
    const modules = [...new Set(present.filter((n) => n.exports.length > 0).map((n) => path.join(root, n.file)))];
    for (const n of present.filter((x) => x.exports.length > 0 && !/\.(ts|tsx)$/.test(x.file)))
      problems.push(`${n.where}: exports are named for ${n.file}, which is not a TypeScript module`);
    const exported = exportsOf(modules.filter((f) => /\.(ts|tsx)$/.test(f)));
    for (const n of present) {
      const names = exported.get(path.join(root, n.file));
      if (names) for (const e of n.exports) if (!names.has(e)) problems.push(`${n.where}: ${n.file} does not export ${e}`);
      if (n.titles.length > 0) {
        const text = fs.readFileSync(path.join(root, n.file), 'utf8');
        for (const t of n.titles) if (!text.includes(t)) problems.push(`${n.where}: no test titled “${t}” in ${n.file}`);
      }
    }
    expect(problems, `docs/domain.md names what does not exist:\n${problems.join('\n')}`).toEqual([]);
  }, 120_000);
});
