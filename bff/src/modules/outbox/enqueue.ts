import { outbox, type Tx } from '@shop/db';
import { OUTBOX_TOPICS, type OutboxTopic, type TopicPayload } from './topics';

/**
 * Writes an outbox row in the caller's transaction, so the effect exists exactly when the state
 * change commits. The payload is checked against the topic's schema here, at the producer.
 * `dedupeKey` names the effect: a second enqueue of the same key changes nothing and answers
 * false. Record-only topics are written done (they wait for nobody).
 */
export async function enqueue<T extends OutboxTopic>(
  tx: Tx,
  topic: T,
  payload: TopicPayload<T>,
  options: { dedupeKey: string; at: Date },
): Promise<boolean> {
  const spec = OUTBOX_TOPICS[topic];
  const checked = spec.payload.parse(payload);
  const recorded = spec.delivery === 'recorded';
  const [inserted] = await tx
    .insert(outbox)
    .ignore()
    .values({
      topic,
      dedupeKey: options.dedupeKey,
      payload: checked,
      nextAttemptAt: options.at,
      ...(recorded ? { status: 'done' as const, processedAt: options.at } : {}),
    });
  return inserted.affectedRows === 1;
}
