// Every workflow table of the product is well formed: it loads, each transition starts from at
// least one of its states and leads to one of its states or to none (null, an edit), and needs a
// permission that exists. The module is loaded inside the tests rather than at the top of the
// file, so that a table that does not load fails these tests instead of stopping the file from
// being collected (a collection error runs no test at all).
import { PERMISSIONS, type TPermission } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import type { Transition, Workflow } from './workflow.ts';

const load = () => import('./workflow.ts');

const isWorkflow = (v: unknown): v is Workflow<string, string> =>
  typeof v === 'object' && v !== null && 'states' in v && 'transitions' in v;

const workflowsOf = (m: Record<string, unknown>) =>
  Object.entries(m).filter((e): e is [string, Workflow<string, string>] => isWorkflow(e[1]));

describe('the product’s workflow tables', () => {
  it('load, and there is at least one', async () => {
    const m = await load();
    expect(workflowsOf(m).length).toBeGreaterThan(0);
  });
  it('start each transition from at least one state of the workflow', async () => {
    for (const [name, w] of workflowsOf(await load())) {
      for (const [action, t] of Object.entries<Transition<string>>(w.transitions)) {
        expect(t.from.length, `${name}.${action}`).toBeGreaterThan(0);
        for (const s of t.from) expect(w.states, `${name}.${action} from ${s}`).toContain(s);
      }
    }
  });
  it('lead each transition to a state of the workflow, or to none for an edit', async () => {
    for (const [name, w] of workflowsOf(await load())) {
      for (const [action, t] of Object.entries<Transition<string>>(w.transitions)) {
        if (t.to !== null) expect(w.states, `${name}.${action} to ${t.to}`).toContain(t.to);
      }
    }
  });
  it('guard each transition with a permission that exists', async () => {
    for (const [name, w] of workflowsOf(await load())) {
      for (const [action, t] of Object.entries<Transition<string>>(w.transitions)) {
        expect(PERMISSIONS as readonly TPermission[], `${name}.${action}`).toContain(t.permission);
      }
    }
  });
});

describe('defineWorkflow', () => {
  it('keeps the states and transitions it is given', async () => {
    const { defineWorkflow } = await load();
    const transitions = {
      edit: { from: ['A'], to: null, permission: 'plan:write' },
      go: { from: ['A'], to: 'B', permission: 'plan:write' },
    } as const;
    const w = defineWorkflow(['A', 'B'] as const, transitions);
    expect(w).toEqual({ states: ['A', 'B'], transitions });
  });
  it('names the action and the unknown state, or the action without a state to start from', async () => {
    const { defineWorkflow } = await load();
    expect(() =>
      defineWorkflow(['A', 'B'] as const, { go: { from: ['A'], to: 'C' as 'B', permission: 'plan:write' } }),
    ).toThrow(new Error('workflow action go: unknown state C'));
    expect(() =>
      defineWorkflow(['A'] as const, { stay: { from: [], to: null, permission: 'plan:write' } }),
    ).toThrow(new Error('workflow action stay: no state to start from'));
  });
});
