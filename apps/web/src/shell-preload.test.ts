// The shell's chunks a signed-in page preloads, and the script that does it (shell-preload.ts).
import { describe, expect, it } from 'vitest';
import { preloadScript, shellFiles } from '../shell-preload';

const chunk = (
  fileName: string,
  imports: string[] = [],
  facadeModuleId: string | null = null,
  isEntry = false,
) => ({
  fileName,
  imports,
  facadeModuleId,
  isEntry,
});

describe('shellFiles', () => {
  it('is the shell and what it imports, less what the entry loads anyway', () => {
    const files = shellFiles([
      chunk('index.js', ['react.js'], '/w/src/main.tsx', true),
      chunk('react.js', ['shared.js']),
      chunk('shared.js'),
      chunk('Layout.js', ['shared.js', 'menu.js'], '/w/apps/web/src/app/Layout.tsx'),
      chunk('menu.js', ['icons.js']),
      chunk('icons.js'),
      chunk('ManagerKpiPage.js', ['table.js'], '/w/src/features/kpi/ManagerKpiPage.tsx'),
      chunk('table.js'),
    ]);
    expect(files).toEqual(['Layout.js', 'menu.js', 'icons.js']);
  });

  it('is nothing when there is no shell chunk (the build then fails)', () => {
    expect(shellFiles([chunk('index.js', [], '/w/src/main.tsx', true)])).toEqual([]);
  });
});

describe('preloadScript', () => {
  const run = (pathname: string) => {
    const links: { rel: string; href: string }[] = [];
    const document = {
      createElement: () => ({ rel: '', href: '' }),
      head: { appendChild: (l: { rel: string; href: string }) => links.push(l) },
    };
    new Function('location', 'document', preloadScript(['assets/Layout.js', 'assets/menu.js']))(
      { pathname },
      document,
    );
    return links;
  };

  it('adds a modulepreload link per file on a page that opens signed in', () => {
    expect(run('/kpi')).toEqual([
      { rel: 'modulepreload', href: '/assets/Layout.js' },
      { rel: 'modulepreload', href: '/assets/menu.js' },
    ]);
    expect(run('/plans/123')).toHaveLength(2);
    expect(run('/')).toHaveLength(2);
  });

  it('adds nothing on the public pages: sign-in, set-up, a survey link', () => {
    for (const p of ['/login', '/login/', '/setup', '/s/abc']) expect(run(p), p).toEqual([]);
    expect(run('/surveys')).toHaveLength(2);
  });
});
