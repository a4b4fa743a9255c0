/**
 * Declared steps with their undo (docs/decisions/0010-steps-with-undo.md): a multi-step write
 * that also touches Redis, a job queue or WeChat runs as a list of steps; when one fails, the
 * steps already done are undone in reverse, then the error goes on. Inside MariaDB one
 * transaction beats compensation, so a step may itself be a whole transaction.
 */
export type Step<C> = {
  name: string;
  run(context: C): Promise<void>;
  /** Puts back what `run` took. Gets the error that stopped the list. Must be safe to repeat. */
  undo(context: C, cause: unknown): Promise<void>;
};

/** Called after each step succeeds; tests pass one that throws to inject a failure there. */
export type AfterStep = (name: string) => void | Promise<void>;

export async function runSteps<C>(
  steps: readonly Step<C>[],
  context: C,
  options: { afterStep?: AfterStep; onUndoError?: (step: string, err: unknown) => void } = {},
): Promise<void> {
  const done: Step<C>[] = [];
  try {
    for (const step of steps) {
      await step.run(context);
      done.push(step);
      await options.afterStep?.(step.name);
    }
  } catch (err) {
    for (const step of done.reverse()) {
      // An undo that fails must not hide the cause or stop the other undos; sweepers are the backstop.
      await step.undo(context, err).catch((undoErr: unknown) => options.onUndoError?.(step.name, undoErr));
    }
    throw err;
  }
}
