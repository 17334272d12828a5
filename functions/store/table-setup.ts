import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import type { TableRef } from './table';
import { tableDefinition } from './table';

/** The table's status, or undefined when there is no such table. */
export async function tableStatus(table: TableRef): Promise<string | undefined> {
  try {
    const { Table } = await table.db.send(new DescribeTableCommand({ TableName: table.tableName }));
    return Table?.TableStatus ?? 'UNKNOWN';
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

/**
 * Creates the table with its due-index unless it is already there. For local engines and tests:
 * in AWS the CDK stack owns the table.
 */
export async function ensureTable(table: TableRef): Promise<void> {
  if ((await tableStatus(table)) !== undefined) return;
  await table.db.send(new CreateTableCommand(tableDefinition(table.tableName)));
}
