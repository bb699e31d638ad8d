/**
 * Words that mark a change as a bug fix in its message (Kamei et al. and Commit Guru look for the same
 * kind of keywords; they cannot see issue trackers either). Matched as whole words, case-insensitive.
 */
const FIX_WORDS =
  /\b(fix(e[sd]|ing)?|bugs?|bugfix|hotfix|defects?|fault|wrong|errors?|fail(s|ed|ure|ing)?|problems?|patch|crash(es|ed)?|regression)\b/i;

/** 1 when the message says the change fixes a bug, else 0 (Kamei's FIX). */
export function detectFix(message: string): number {
  return FIX_WORDS.test(message) ? 1 : 0;
}
