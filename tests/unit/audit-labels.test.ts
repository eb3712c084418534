/**
 * Every action the code audits has words in contract/audit-labels.ts: the source under
 * src-main is scanned for `audit(` calls and the action argument's string literals
 * (including both sides of a `cond ? 'a.b' : 'c.d'`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_GROUPS, AUDIT_ACTION_LABELS, PSEUDO_USERNAMES } from '../../src-main/contract/audit-labels';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** The top-level arguments of the call whose '(' is at `open`. */
function callArgs(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '{' || c === '[') depth++;
    else if (c === ')' || c === '}' || c === ']') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  throw new Error('unbalanced call');
}

function auditedActions(): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of sources(join(__dirname, '../../src-main'))) {
    // Comments dropped (they quote calls); the definition itself skipped.
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/(?<![\w.])audit\(/g)) {
      if (text.slice(Math.max(0, m.index - 9), m.index) === 'function ') continue;
      const args = callArgs(text, m.index + 'audit'.length);
      const action = args[2];
      if (action === undefined) continue;
      const literals = [...action.matchAll(/'([^']+)'/g)].map((x) => x[1]!);
      expect(literals.length, `${file}: audit( with an action that is not a string literal: ${action.trim()}`).toBeGreaterThan(0);
      for (const l of literals) found.set(l, file);
    }
  }
  return found;
}

describe('audit labels', () => {
  const audited = auditedActions();

  it('finds the audited actions in the source', () => {
    expect(audited.size).toBeGreaterThan(40);
    for (const a of ['stay.correct', 'stay.undoDischarge', 'stay.undoTransfer', 'assessment.void', 'bed.correct', 'facility.updateStatusChange', 'facility.deleteStatusChange', 'import.commit', 'month.close', 'month.reopen', 'resident.revealIdNumber', 'account.loginFailed', 'account.locked'])
      expect(audited.has(a), a).toBe(true);
  });

  it('has words for every action the code audits', () => {
    const missing = [...audited.keys()].filter((a) => !(a in AUDIT_ACTION_LABELS)).map((a) => `${a} (${audited.get(a)})`);
    expect(missing).toEqual([]);
  });

  it('groups every labelled action for the filter, and never shows a code', () => {
    for (const [action, label] of Object.entries(AUDIT_ACTION_LABELS)) {
      expect(action.split('.')[0]! in AUDIT_ACTION_GROUPS, action).toBe(true);
      expect(label.zh.replace('{obj}', '')).not.toMatch(/[a-z]{3,}/i);
      expect(label.en).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('names the accounts that are not people', () => {
    for (const u of ['local', 'browser', 'desktop', 'cli', 'seed-demo', 'generate']) expect(PSEUDO_USERNAMES[u], u).toBeDefined();
  });
});
