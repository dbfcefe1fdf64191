// Which modules go into the shell's file (chunking.ts).
import { describe, expect, it } from 'vitest';
import { BOOT_STAGES, SHELL, stageChunks, staticClosure } from '../chunking';

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

describe('the boot stages', () => {
  it("are React's renderer, wherever pnpm put it, then the app's start module", () => {
    const [renderer, app] = BOOT_STAGES as [RegExp, RegExp];
    expect(
      renderer.test('/w/node_modules/.pnpm/react-dom@19.2.0_react@19.2.0/node_modules/react-dom/cjs/x.js'),
    ).toBe(true);
    expect(renderer.test('/w/node_modules/scheduler/index.js')).toBe(true);
    expect(renderer.test('/w/node_modules/react/index.js')).toBe(false);
    expect(app.test('/w/apps/web/src/app/start.ts')).toBe(true);
    expect(app.test('/w/apps/web/src/app/restart.ts')).toBe(false);
  });

  it("are found in their groups' files by the files' modules, in order, and a missing one is left out", () => {
    const chunks = [
      {
        fileName: 'boot-app.js',
        facadeModuleId: null,
        moduleIds: ['/w/src/app/App.tsx', '/w/src/app/start.ts'],
      },
      { fileName: 'index.js', facadeModuleId: '/w/src/main.tsx', moduleIds: ['/w/src/main.tsx'] },
      { fileName: 'boot-react.js', facadeModuleId: null, moduleIds: ['/w/node_modules/react-dom/client.js'] },
    ];
    expect(stageChunks(chunks)).toEqual(['boot-react.js', 'boot-app.js']);
    expect(stageChunks(chunks.slice(0, 2))).toEqual(['boot-app.js']);
  });
});
