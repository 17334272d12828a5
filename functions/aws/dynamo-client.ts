import { type AwsEndpoint, awsRequest } from './aws-request';
import { fromAttributes, type Item, toAttributes } from './dynamo-attributes';

export type { Item };

interface Expressions {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Item;
}
interface Capacity {
  ReturnConsumedCapacity?: 'TOTAL' | 'INDEXES' | 'NONE';
}
type ReturnValues = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';

export interface GetInput extends Capacity {
  TableName: string;
  Key: Item;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}
export interface PutInput extends Expressions, Capacity {
  TableName: string;
  Item: Item;
  ConditionExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}
export interface UpdateInput extends Expressions, Capacity {
  TableName: string;
  Key: Item;
  UpdateExpression: string;
  ConditionExpression?: string;
  ReturnValues?: ReturnValues;
}
export interface DeleteInput extends Expressions, Capacity {
  TableName: string;
  Key: Item;
  ConditionExpression?: string;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}
export interface QueryInput extends Expressions, Capacity {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ConsistentRead?: boolean;
  ScanIndexForward?: boolean;
  Limit?: number;
  ExclusiveStartKey?: Item;
}
export interface ScanInput extends Expressions, Capacity {
  TableName: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  Limit?: number;
  ExclusiveStartKey?: Item;
}
export type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } };
export interface BatchWriteInput extends Capacity {
  RequestItems: Record<string, WriteRequest[]>;
}

export interface KeysAndAttributes {
  Keys: Item[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
}
export interface BatchGetInput extends Capacity {
  RequestItems: Record<string, KeysAndAttributes>;
}

export interface Output {
  ConsumedCapacity?: unknown;
}
export interface ItemOutput extends Output {
  Item?: Item;
}
export interface AttributesOutput extends Output {
  Attributes?: Item;
}
export interface PageOutput extends Output {
  Items: Item[];
  LastEvaluatedKey?: Item;
  Count?: number;
}
export interface BatchWriteOutput extends Output {
  UnprocessedItems: Record<string, WriteRequest[]>;
}

export interface BatchGetOutput extends Output {
  Responses: Record<string, Item[]>;
  UnprocessedKeys: Record<string, KeysAndAttributes>;
}

/** Sees every request and its answer (the benchmarks count capacity units with it). */
export type Observer = (operation: string, request: Record<string, unknown>) => ObservedAnswer;
export type ObservedAnswer = ((response: Record<string, unknown>) => void) | undefined;

/**
 * DynamoDB over its JSON protocol, with the document client's shapes: plain values in, plain
 * values out. It is what Mend needs of the AWS SDK's DynamoDB client, in a few kilobytes that
 * load in a fraction of a millisecond.
 */
export class DynamoClient {
  private readonly observers: Observer[] = [];

  constructor(private readonly endpoint: AwsEndpoint) {}

  observe(observer: Observer): void {
    this.observers.push(observer);
  }

  async get(input: GetInput): Promise<ItemOutput> {
    const out = await this.call('GetItem', { ...input, Key: toAttributes(input.Key) });
    return { ...out, Item: out.Item ? fromAttributes(out.Item as Item) : undefined };
  }

  async put(input: PutInput): Promise<AttributesOutput> {
    return this.withAttributes(
      await this.call('PutItem', {
        ...withValues(input),
        Item: toAttributes(input.Item),
      }),
    );
  }

  async update(input: UpdateInput): Promise<AttributesOutput> {
    return this.withAttributes(
      await this.call('UpdateItem', { ...withValues(input), Key: toAttributes(input.Key) }),
    );
  }

  async delete(input: DeleteInput): Promise<AttributesOutput> {
    return this.withAttributes(
      await this.call('DeleteItem', { ...withValues(input), Key: toAttributes(input.Key) }),
    );
  }

  async query(input: QueryInput): Promise<PageOutput> {
    return this.page(
      await this.call('Query', {
        ...withValues(input),
        ExclusiveStartKey: input.ExclusiveStartKey && toAttributes(input.ExclusiveStartKey),
      }),
    );
  }

  async scan(input: ScanInput): Promise<PageOutput> {
    return this.page(
      await this.call('Scan', {
        ...withValues(input),
        ExclusiveStartKey: input.ExclusiveStartKey && toAttributes(input.ExclusiveStartKey),
      }),
    );
  }

  async batchWrite(input: BatchWriteInput): Promise<BatchWriteOutput> {
    const out = await this.call('BatchWriteItem', {
      ...input,
      RequestItems: mapTables(input.RequestItems, (writes) => convertWrites(writes, toAttributes)),
    });
    const unprocessed = (out.UnprocessedItems ?? {}) as Record<string, WriteRequest[]>;
    return {
      ...out,
      UnprocessedItems: mapTables(unprocessed, (writes) => convertWrites(writes, fromAttributes)),
    };
  }

  async batchGet(input: BatchGetInput): Promise<BatchGetOutput> {
    const out = await this.call('BatchGetItem', {
      ...input,
      RequestItems: mapTables(input.RequestItems, (r) => ({
        ...r,
        Keys: r.Keys.map(toAttributes),
      })),
    });
    const responses = (out.Responses ?? {}) as Record<string, Item[]>;
    const unprocessed = (out.UnprocessedKeys ?? {}) as Record<string, KeysAndAttributes>;
    return {
      ...out,
      Responses: mapTables(responses, (items) => items.map(fromAttributes)),
      UnprocessedKeys: mapTables(unprocessed, (r) => ({ ...r, Keys: r.Keys.map(fromAttributes) })),
    };
  }

  /** For table management (local setup), in the service's own shapes. */
  async raw(operation: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    return this.call(operation, input);
  }

  private async call(
    operation: string,
    input: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const request = dropUndefined(input);
    const answers = this.observers.map((observe) => observe(operation, request));
    const response = await awsRequest(this.endpoint, {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.0',
        'x-amz-target': `DynamoDB_20120810.${operation}`,
      },
      body: request,
    });
    for (const answer of answers) answer?.(response);
    return response;
  }

  private withAttributes(out: Record<string, unknown>): AttributesOutput {
    return {
      ...out,
      Attributes: out.Attributes ? fromAttributes(out.Attributes as Item) : undefined,
    };
  }

  private page(out: Record<string, unknown>): PageOutput {
    return {
      ...out,
      Items: ((out.Items ?? []) as Item[]).map(fromAttributes),
      LastEvaluatedKey: out.LastEvaluatedKey
        ? fromAttributes(out.LastEvaluatedKey as Item)
        : undefined,
    };
  }
}

function withValues(input: Expressions & object): Record<string, unknown> {
  return {
    ...(input as Record<string, unknown>),
    ExpressionAttributeValues:
      input.ExpressionAttributeValues && toAttributes(input.ExpressionAttributeValues),
  };
}

/** Batch requests and answers are keyed by table name: the same change to each table's part. */
function mapTables<From, To>(
  byTable: Record<string, From>,
  convert: (part: From) => To,
): Record<string, To> {
  return Object.fromEntries(Object.entries(byTable).map(([table, part]) => [table, convert(part)]));
}

function convertWrites(writes: WriteRequest[], convert: (item: Item) => Item): WriteRequest[] {
  return writes.map((write) =>
    'PutRequest' in write
      ? { PutRequest: { Item: convert(write.PutRequest.Item) } }
      : { DeleteRequest: { Key: convert(write.DeleteRequest.Key) } },
  );
}

function dropUndefined(input: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) if (value !== undefined) out[name] = value;
  return out;
}
