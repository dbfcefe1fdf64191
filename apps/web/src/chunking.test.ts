// Which modules go into the shell's file (chunking.ts).
import { describe, expect, it } from 'vitest';
import { SHELL, staticClosure } from '../chunking';

describe('staticClosure', () => {
  const graph: Record<string, string[]> = {
    '/w/src/app/Layout.tsx': ['/w/src/app/menu.ts', '/w/node_modules/antd/es/index.js'],
    '/w/src/app/menu.ts': ['/w/src/app/Layout.tsx', '/w/packages/contracts/src/values.ts'],
    '/w/packages/contracts/src/values.ts': [],
    '/w/node_modules/antd/es/index.js': ['/w/node_modules/antd/es/table/index.js'],
    '/w/node_modules/antd/es/table/index.js': [],
    '/w/src/features/kpi/ManagerKpiPage.tsx': ['/w/node_modules/antd/es/index.js'],
  };
  const closure = staticClosure('/w/src/app/Layout.tsx', (id) => graph[id]);

  it("follows the app's own modules, a cycle once, and takes the libraries they import", () => {
    expect([...closure].sort()).toEqual([
      '/w/node_modules/antd/es/index.js',
      '/w/packages/contracts/src/values.ts',
      '/w/src/app/Layout.tsx',
      '/w/src/app/menu.ts',
    ]);
  });

  it("does not follow a library's own imports (an index names the whole library)", () => {
    expect(closure.has('/w/node_modules/antd/es/table/index.js')).toBe(false);
  });

  it('leaves out what only a screen imports, and a module the bundler does not know', () => {
    expect(closure.has('/w/src/features/kpi/ManagerKpiPage.tsx')).toBe(false);
    expect([...staticClosure('/w/src/gone.ts', () => undefined)]).toEqual(['/w/src/gone.ts']);
  });

  it('knows the shell by its path, on either kind of separator', () => {
    expect(SHELL.test('/w/apps/web/src/app/Layout.tsx')).toBe(true);
    expect(SHELL.test('C:\\w\\apps\\web\\src\\app\\Layout.tsx')).toBe(true);
    expect(SHELL.test('/w/apps/web/src/app/LayoutHelpers.tsx')).toBe(false);
  });
});
