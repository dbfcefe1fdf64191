// Is a new password too easy to guess? (docs/rules.md#r-auth-1-password-strength) zxcvbn-ts
// estimates it with its common-password and English dictionaries, the user's own name, e-mail and
// organisation, and what Chinese users reuse that those lists lack: pinyin names (a dictionary of
// common surnames and given-name syllables), dates such as birthdays (zxcvbn's date matcher) and
// mobile numbers. A password must need at least 10⁹ guesses by that estimate.

import { PASSWORD_WHY, type TPasswordWhy } from '@huifang/contracts';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { ruleViolation } from './errors.ts';

/**
 * log10 of the guesses a password must need: 10⁹, between zxcvbn's score 3 (10⁸) — which lets
 * "wangfang1990" through — and 4 (10¹⁰), which refuses ten random characters.
 */
export const MIN_GUESSES_LOG10 = 9;

// Common Chinese surnames and given-name syllables in pinyin, commonest first (a dictionary
// ranks by position): "zhangwei", "liping88" are names, not secrets.
const PINYIN = (
  'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang ' +
  'xie song tang han feng deng cao peng zeng xiao tian dong yuan pan cai jiang yu du ye cheng wei su lu ' +
  'ding ren shen yao jin fu zhong qiu lei hou long duan hao kong shao shi mao chang wan gu lai wen ' +
  'kang qian fang bai tan jia yan xia qin min ming hong hua jun ping jing ling ying yun fei bo tao ' +
  'xin xiang bin qiang lei jie jian mei na ting hui juan yan xia lan fang yi hao kai yong gang ' +
  'xiu zhen qing ning rui chen xuan yu hang lei peng fan ke xue ya ni lulu dandan tingting'
)
  .split(' ')
  .filter((w, i, all) => all.indexOf(w) === i);

const zxcvbn = new ZxcvbnFactory({
  dictionary: { ...common.dictionary, ...en.dictionary, pinyin: PINYIN },
  graphs: common.adjacencyGraphs,
  translations: en.translations,
});

/** A mainland mobile number inside the password. */
const MOBILE = /1[3-9]\d{9}/;

export interface PasswordContext {
  name?: string | null;
  email?: string | null;
  organization?: string | null;
}

/** Why the password is too easy to guess, or null when it is strong enough. */
export function passwordWeakness(password: string, context: PasswordContext = {}): TPasswordWhy | null {
  if (MOBILE.test(password)) return 'PHONE';
  const inputs = [context.name, context.email, context.email?.split('@')[0], context.organization].filter(
    (v): v is string => !!v,
  );
  const result = zxcvbn.check(password, inputs);
  if (result.guessesLog10 >= MIN_GUESSES_LOG10) return null;
  // The longest pattern found says best what gave the password away.
  const main = [...result.sequence].sort((a, b) => b.token.length - a.token.length)[0];
  const why = ((): TPasswordWhy => {
    if (!main) return 'GUESSABLE';
    if (main.pattern === 'dictionary') {
      if (main.dictionaryName === 'userInputs') return 'PERSONAL';
      if (main.dictionaryName === 'pinyin') return 'PINYIN';
      return 'COMMON';
    }
    if (main.pattern === 'date') return 'DATE';
    if (main.pattern === 'repeat' || main.pattern === 'sequence' || main.pattern === 'spatial')
      return 'PATTERN';
    return 'GUESSABLE';
  })();
  return PASSWORD_WHY.includes(why) ? why : 'GUESSABLE';
}

/** 422 RULE_VIOLATION `{ field: 'password', reason: 'WEAK_PASSWORD', why }` when it is too easy to guess. */
export function assertStrongPassword(password: string, context: PasswordContext): void {
  const why = passwordWeakness(password, context);
  if (why) {
    throw ruleViolation(`The password is too easy to guess (${why})`, {
      field: 'password',
      reason: 'WEAK_PASSWORD',
      why,
    });
  }
}
