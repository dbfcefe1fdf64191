import { describe, expect, it } from 'vitest';
import { bandCenter, bandWidth, countTicks, lineSegments, thinnedLabel, yPixel } from './scale';

describe('plain chart scale', () => {
  it('centres categories in equal bands', () => {
    expect(bandWidth(4)).toBe(25);
    expect([0, 1, 2, 3].map((i) => bandCenter(i, 4))).toEqual([12.5, 37.5, 62.5, 87.5]);
    expect(bandCenter(0, 1)).toBe(50);
  });

  it('maps a value to pixels from the top, and keeps values outside the domain on its edge', () => {
    expect(yPixel(0, [0, 100], 200)).toBe(200);
    expect(yPixel(100, [0, 100], 200)).toBe(0);
    expect(yPixel(25, [0, 100], 200)).toBe(150);
    expect(yPixel(3, [1, 5], 100)).toBe(50);
    expect(yPixel(120, [0, 100], 200)).toBe(0);
    expect(yPixel(-5, [0, 100], 200)).toBe(200);
    expect(yPixel(0.5, [1, 5], 100)).toBe(100);
  });

  it('gives whole-number ticks from 0 that reach the largest count', () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(1)).toEqual([0, 1]);
    expect(countTicks(3)).toEqual([0, 1, 2, 3]);
    expect(countTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(countTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(8)).toEqual([0, 2, 4, 6, 8]);
    expect(countTicks(17)).toEqual([0, 5, 10, 15, 20]);
    expect(countTicks(40)).toEqual([0, 10, 20, 30, 40]);
    expect(countTicks(130)).toEqual([0, 50, 100, 150]);
    for (const max of [1, 2, 5, 9, 11, 23, 99, 101, 999]) {
      const ticks = countTicks(max);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.every(Number.isInteger)).toBe(true);
    }
  });

  it('draws a line only between neighbours that both have a value', () => {
    expect(lineSegments([1, 2, 3])).toEqual([
      [0, 1],
      [1, 2],
    ]);
    expect(lineSegments([null, 2, null, 4, 5])).toEqual([[3, 4]]);
    expect(lineSegments([0, null, 0])).toEqual([]);
    expect(lineSegments([])).toEqual([]);
  });

  it('thins labels counting from the last, which always keeps its label', () => {
    const classes = (n: number) => Array.from({ length: n }, (_, i) => thinnedLabel(i, n));
    expect(classes(7)).toEqual([
      undefined,
      'pc-x-half pc-x-third',
      'pc-x-third',
      'pc-x-half',
      'pc-x-third',
      'pc-x-half pc-x-third',
      undefined,
    ]);
    const twelve = classes(12);
    // all 12 wide; 6 below 660 px (every other month); 4 below 400 px (every third month)
    expect(twelve.filter((c) => !c?.includes('pc-x-half'))).toHaveLength(6);
    expect(twelve.filter((c) => !c?.includes('pc-x-third'))).toHaveLength(4);
    expect(twelve.at(-1)).toBeUndefined();
  });
});
