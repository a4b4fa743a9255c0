import { z } from 'zod';

/**
 * Marks an issue whose message is zod's own wording (the locale's), not one a route schema wrote
 * for users. finalizeIssue asks the locale last, on the issue it then copies, so the mark travels
 * onto the issue in the ZodError; the error middleware keeps such wording in `details` only.
 */
export const LOCALE_MESSAGE = 'localeMessage';

/**
 * zod's default messages in Simplified Chinese (docs/domain.md#money-and-time: what users read is
 * Chinese). Global to zod and idempotent: buildApp calls it, so the BFF and every test app get it.
 */
export function useChineseValidationMessages(): void {
  const zhCN = z.locales.zhCN().localeError;
  z.config({
    localeError: (issue) => {
      (issue as Record<string, unknown>)[LOCALE_MESSAGE] = true;
      return zhCN(issue);
    },
  });
}

/** Whether zod's locale wrote this issue's message (see LOCALE_MESSAGE). */
export function isLocaleMessage(issue: z.core.$ZodIssue): boolean {
  return (issue as unknown as Record<string, unknown>)[LOCALE_MESSAGE] === true;
}
