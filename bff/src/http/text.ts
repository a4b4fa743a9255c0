import { z } from 'zod';

/* eslint-disable no-control-regex -- matching control characters is the point of these two */
/** C0 controls (NUL included), DEL and C1 controls. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** The same, less tab, line feed and carriage return, which a multi-line remark may hold. */
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/* eslint-enable no-control-regex */
/** Half of a surrogate pair without the other half: no character at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Free text a person typed and we store and show again (nicknames, order remarks, product text,
 * notes): trimmed, and refused with a Chinese message naming the field when it holds a NUL or
 * another control character, or a lone UTF-16 surrogate (which utf8mb4 cannot store). Tabs and
 * line breaks pass only where `multiline` says the field has lines. Chain `.min()` / `.max()`
 * with the field's own messages.
 */
export function freeText(label: string, options: { multiline?: boolean } = {}) {
  const control = options.multiline ? CONTROL_BUT_LINES : CONTROL;
  return (
    z
      // Only the type's own issue: a schema-wide message would also replace the checks' wording.
      .string({
        error: (issue) => (issue.code !== 'invalid_type' ? undefined : issue.input === undefined ? `请填写${label}` : `${label}应为文字`),
      })
      .trim()
      .refine((value) => !control.test(value), `${label}不能包含控制字符`)
      .refine((value) => !LONE_SURROGATE.test(value), `${label}包含无法识别的字符`)
  );
}
