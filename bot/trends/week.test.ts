import { describe, expect, it } from 'vitest';
import { isoWeek } from './week.js';

describe('isoWeek', () => {
  it('labels dates by ISO week, including year boundaries', () => {
    expect(isoWeek(new Date('2026-11-26T12:00:00Z'))).toBe('2026-W48');
    expect(isoWeek(new Date('2021-01-03T12:00:00Z'))).toBe('2020-W53'); // Sunday belongs to the old year
    expect(isoWeek(new Date('2024-12-30T12:00:00Z'))).toBe('2025-W01'); // Monday belongs to the new year
  });
});
