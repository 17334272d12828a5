import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CapacityTotals {
  readUnits: number;
  writeUnits: number;
  requests: Record<string, number>;
  /** Wall time from each request to its answer, summed, and how many answered. */
  roundTripMs: number;
  answered: number;
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

type Capacity = { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number };

/**
 * Watches every request the client sends, through the SDK's own middleware stack: asks DynamoDB
 * (the local engine) to report the capacity each one consumed and adds it up, and counts requests
 * by operation, Scans included. Observation only: answers pass through unchanged.
 */
export function meterCapacity(db: DynamoDBDocumentClient): {
  totals: CapacityTotals;
  reset(): void;
} {
  const totals: CapacityTotals = {
    readUnits: 0,
    writeUnits: 0,
    requests: {},
    roundTripMs: 0,
    answered: 0,
  };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'Unknown').replace(/Command$/, '');
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      totals.requests[operation] = (totals.requests[operation] ?? 0) + 1;
      const sentAt = performance.now();
      const result = await next(args);
      totals.roundTripMs += performance.now() - sentAt;
      totals.answered += 1;
      const output = result.output as { ConsumedCapacity?: Capacity | Capacity[] };
      for (const c of [output.ConsumedCapacity].flat()) {
        if (!c) continue;
        const isRead = READS.has(operation);
        const units = c.CapacityUnits ?? (isRead ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
        if (isRead) totals.readUnits += units;
        else totals.writeUnits += units;
      }
      return result;
    },
    { step: 'serialize', priority: 'high', name: 'benchCapacityMeter' },
  );
  return {
    totals,
    reset() {
      totals.readUnits = 0;
      totals.writeUnits = 0;
      totals.requests = {};
      totals.roundTripMs = 0;
      totals.answered = 0;
    },
  };
}
