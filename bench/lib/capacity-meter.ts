import type { DynamoClient } from '../../functions/aws/dynamo-client';

export interface CapacityTotals {
  readUnits: number;
  writeUnits: number;
  requests: Record<string, number>;
  /** Wall time from each request to its answer, summed, and how many answered. */
  roundTripMs: number;
  answered: number;
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem']);

/**
 * Watches every request the client sends: asks DynamoDB (the local engine) to report the
 * capacity each one consumed and adds it up, and counts requests by operation, Scans included.
 * Observation only: answers pass through unchanged.
 */
export function meterCapacity(db: DynamoClient): { totals: CapacityTotals; reset(): void } {
  const totals: CapacityTotals = {
    readUnits: 0,
    writeUnits: 0,
    requests: {},
    roundTripMs: 0,
    answered: 0,
  };
  db.observe((operation, request) => {
    request.ReturnConsumedCapacity = 'TOTAL';
    totals.requests[operation] = (totals.requests[operation] ?? 0) + 1;
    const sentAt = performance.now();
    return (response) => {
      totals.roundTripMs += performance.now() - sentAt;
      totals.answered += 1;
      for (const entry of [response.ConsumedCapacity].flat()) {
        const c = entry as
          | { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }
          | undefined;
        if (!c) continue;
        const isRead = READS.has(operation);
        const units = c.CapacityUnits ?? (isRead ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
        if (isRead) totals.readUnits += units;
        else totals.writeUnits += units;
      }
    };
  });
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
