import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { keys, type TableRef } from './table';

export interface TableStats {
  practices: number;
  clients: number;
  apiKeys: { active: number; expired: number; revoked: number };
  /** By status. */
  subscribers: Record<string, number>;
  /** By status. */
  enrollments: Record<string, number>;
  answers: number;
  /** Pairs by status; an ended pair leaves no item, so it is not counted. */
  pairs: Record<string, number>;
}

const bump = (group: Record<string, number>, key: string) => {
  group[key] = (group[key] ?? 0) + 1;
};

/**
 * Counts of everything in the table, for the admin CLI's occasional report. The only Scan in
 * Mend (paged, keys and a few attributes only); no function's role may scan.
 */
export async function tableStats(table: TableRef, now: Date): Promise<TableStats> {
  const stats: TableStats = {
    practices: 0,
    clients: 0,
    apiKeys: { active: 0, expired: 0, revoked: 0 },
    subscribers: {},
    enrollments: {},
    answers: 0,
    pairs: {},
  };
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await table.db.send(
      new ScanCommand({
        TableName: table.tableName,
        ProjectionExpression: 'PK, SK, #status, revokedAt, validUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      const pk = String(item.PK);
      const sk = String(item.SK);
      const status = String(item.status ?? 'unknown');
      if (pk.startsWith(keys.practicePrefix())) {
        if (sk === keys.profile()) stats.practices += 1;
        else if (sk.startsWith(keys.clientPrefix())) stats.clients += 1;
        else if (sk.startsWith(keys.apiKeyPrefix())) {
          const expired = item.validUntil && Date.parse(String(item.validUntil)) <= now.getTime();
          stats.apiKeys[item.revokedAt ? 'revoked' : expired ? 'expired' : 'active'] += 1;
        }
      } else if (pk.startsWith(keys.subscriberPrefix())) {
        if (sk === keys.profile()) bump(stats.subscribers, status);
        else if (sk.startsWith(keys.enrollmentPrefix())) bump(stats.enrollments, status);
        else if (sk.startsWith(keys.answerPrefix())) stats.answers += 1;
      } else if (pk.startsWith(keys.pair('')) && sk === keys.pairItem()) {
        bump(stats.pairs, status);
      }
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return stats;
}
