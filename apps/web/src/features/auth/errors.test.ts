import { describe, expect, it } from 'vitest';
import { ApiError } from '../../lib/api';
import { weakPasswordKey } from './errors';

describe('weakPasswordKey', () => {
  it('names the translation of the reason a password was refused', () => {
    const weak = (why: string) =>
      new ApiError(422, 'RULE_VIOLATION', 'too easy', { field: 'password', reason: 'WEAK_PASSWORD', why });
    expect(weakPasswordKey(weak('PINYIN'))).toBe('auth:weakPassword.PINYIN');
    expect(weakPasswordKey(weak('SOMETHING_NEW'))).toBe('auth:weakPassword.GUESSABLE');
    expect(weakPasswordKey(new ApiError(422, 'RULE_VIOLATION', 'x', { field: 'teamId' }))).toBeNull();
    expect(weakPasswordKey(new Error('x'))).toBeNull();
  });
});
