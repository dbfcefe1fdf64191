// The sign-in page's JavaScript budget counts the entry, its static imports and the first language's strings.
import { describe, expect, it } from 'vitest';
import { type ChunkInfo, forbiddenModules, loginFiles } from '../budget';

const chunk = (fileName: string, over: Partial<ChunkInfo> = {}): ChunkInfo => ({
  fileName,
  code: 'x'.repeat(1000),
  isEntry: false,
  imports: [],
  facadeModuleId: null,
  moduleIds: [],
  ...over,
});

describe('loginFiles', () => {
  it('follows static imports from the entry and adds the zh-CN strings, not lazy screens or English', () => {
    const files = loginFiles([
      chunk('index.js', { isEntry: true, imports: ['react.js'] }),
      chunk('react.js', { imports: ['shared.js'] }),
      chunk('shared.js'),
      chunk('Layout.js', { imports: ['shared.js', 'menu.js'] }),
      chunk('menu.js'),
      chunk('common.js', { facadeModuleId: '/w/src/i18n/locales/zh-CN/common.json' }),
      chunk('kpi.js', { facadeModuleId: '/w/src/i18n/locales/zh-CN/kpi.json' }),
      chunk('common-en.js', { facadeModuleId: '/w/src/i18n/locales/en/common.json' }),
      chunk('zh_CN.js', { facadeModuleId: '/n/antd/es/locale/zh_CN.js', imports: ['shared.js'] }),
    ]);
    expect(files.map((f) => f.file).sort()).toEqual([
      'common.js',
      'index.js',
      'react.js',
      'shared.js',
      'zh_CN.js',
    ]);
    expect(files.every((f) => f.gzip > 0 && f.gzip < 1000)).toBe(true);
  });

  it('counts the boot stages the entry imports to start (chunking.ts BOOT_STAGES) and what they import', () => {
    const files = loginFiles([
      chunk('index.js', { isEntry: true, imports: ['react.js'] }),
      chunk('react.js'),
      chunk('boot-react.js', { moduleIds: ['/n/.pnpm/react-dom@19/node_modules/react-dom/client.js'] }),
      chunk('boot-app.js', {
        moduleIds: ['/w/src/app/App.tsx', '/w/src/app/start.ts'],
        imports: ['icons.js'],
      }),
      chunk('icons.js'),
      chunk('shell.js', { moduleIds: ['/w/src/app/Layout.tsx'] }),
    ]);
    expect(files.map((f) => f.file).sort()).toEqual([
      'boot-app.js',
      'boot-react.js',
      'icons.js',
      'index.js',
      'react.js',
    ]);
  });
});

describe('forbiddenModules', () => {
  it('finds zod wherever pnpm put it, and nothing else', () => {
    const found = forbiddenModules([
      chunk('a.js', {
        moduleIds: [
          '/w/node_modules/.pnpm/zod@4.1.0/node_modules/zod/v4/core/core.js',
          '/w/packages/contracts/src/values.ts',
          '/w/node_modules/.pnpm/zod-to-x@1.0.0/node_modules/zod-to-x/index.js',
        ],
      }),
      chunk('b.js', { moduleIds: ['/w/node_modules/zod/index.js', '/w/src/lib/zodiac.ts'] }),
    ]);
    expect(found).toEqual([
      { file: 'a.js', module: '/w/node_modules/.pnpm/zod@4.1.0/node_modules/zod/v4/core/core.js' },
      { file: 'b.js', module: '/w/node_modules/zod/index.js' },
    ]);
  });
});
