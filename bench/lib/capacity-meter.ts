import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CapacityTotals {
  readUnits: number;
  writeUnits: number;
  requests: Record<string, number>;
}

/**
 * Watches every request the document client sends: asks DynamoDB (the local engine) to report
 * the capacity each one consumed and adds it up, and counts requests by operation, Scans
 * included. Observation only: requests and answers pass through unchanged.
 */
export function meterCapacity(doc: DynamoDBDocumentClient): {
  totals: CapacityTotals;
  reset(): void;
} {
  const totals: CapacityTotals = { readUnits: 0, writeUnits: 0, requests: {} };
  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as Record<string, unknown>;
      input.ReturnConsumedCapacity = 'TOTAL';
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      totals.requests[operation] = (totals.requests[operation] ?? 0) + 1;
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      for (const entry of [consumed].flat()) {
        const c = entry as
          | { ReadCapacityUnits?: number; WriteCapacityUnits?: number; CapacityUnits?: number }
          | undefined;
        if (!c) continue;
        const isRead = ['GetItem', 'Query', 'Scan', 'BatchGetItem'].includes(operation);
        const units = c.CapacityUnits ?? (isRead ? c.ReadCapacityUnits : c.WriteCapacityUnits) ?? 0;
        if (isRead) totals.readUnits += units;
        else totals.writeUnits += units;
      }
      return result;
    },
    { step: 'initialize', name: 'benchCapacityMeter' },
  );
  return {
    totals,
    reset() {
      totals.readUnits = 0;
      totals.writeUnits = 0;
      totals.requests = {};
    },
  };
}
