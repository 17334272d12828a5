import { RemovalPolicy } from 'aws-cdk-lib';
import {
  type Attribute,
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { type TableDefinition, TTL_ATTRIBUTE, tableDefinition } from '../../functions/store/table';

type Index = TableDefinition['GlobalSecondaryIndexes'][number];

export interface MendTableProps {
  /** Prod keeps the table (and forbids deleting it); dev removes it with the stack. */
  retain: boolean;
  /**
   * `aws-managed` (default) encrypts with the key DynamoDB manages; `customer-managed` creates a
   * KMS key with yearly rotation that the table and the grants in `MendFunction` use.
   */
  encryptionKey?: 'aws-managed' | 'customer-managed';
}

/**
 * The one table, declared from `tableDefinition()`, the same shape local mode creates, so keys
 * and indexes cannot drift between dynalite and AWS.
 */
export class MendTable extends Construct {
  readonly table: Table;
  /** The customer-managed key, when the table has one. */
  readonly key?: Key;

  constructor(scope: Construct, id: string, props: MendTableProps) {
    super(scope, id);
    const removalPolicy = props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    if (props.encryptionKey === 'customer-managed') {
      this.key = new Key(this, 'Key', {
        description: 'Mend: encrypts the DynamoDB table',
        enableKeyRotation: true,
        // A retained table is unreadable without its key.
        removalPolicy,
      });
    }
    const definition = tableDefinition('shape-only');
    const attribute = attributeLookup(definition.AttributeDefinitions);
    const [partitionKey, sortKey] = keyPair(definition.KeySchema, attribute);

    this.table = new Table(this, 'Table', {
      partitionKey,
      sortKey,
      billingMode: BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: props.retain,
      removalPolicy,
      ...(this.key
        ? { encryption: TableEncryption.CUSTOMER_MANAGED, encryptionKey: this.key }
        : { encryption: TableEncryption.AWS_MANAGED }),
    });

    for (const index of definition.GlobalSecondaryIndexes) {
      const [indexPartitionKey, indexSortKey] = keyPair(index.KeySchema, attribute);
      this.table.addGlobalSecondaryIndex({
        indexName: required(index.IndexName, 'IndexName'),
        partitionKey: indexPartitionKey,
        sortKey: indexSortKey,
        projectionType: projectionType(index.Projection.ProjectionType),
        nonKeyAttributes: index.Projection.NonKeyAttributes,
      });
    }
  }
}

const attributeTypes: Record<string, AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

function attributeLookup(
  definitions: TableDefinition['AttributeDefinitions'],
): (name: string) => Attribute {
  const types = new Map(definitions.map((d) => [d.AttributeName, d.AttributeType]));
  return (name) => {
    const type = attributeTypes[types.get(name) ?? ''];
    if (!type) throw new Error(`tableDefinition() gives no attribute type for key "${name}"`);
    return { name, type };
  };
}

function keyPair(
  schema: TableDefinition['KeySchema'],
  attribute: (name: string) => Attribute,
): [Attribute, Attribute | undefined] {
  const hash = schema.find((key) => key.KeyType === 'HASH')?.AttributeName;
  const range = schema.find((key) => key.KeyType === 'RANGE')?.AttributeName;
  return [attribute(required(hash, 'HASH key')), range ? attribute(range) : undefined];
}

function projectionType(type: Index['Projection']['ProjectionType']): ProjectionType {
  switch (type) {
    case 'KEYS_ONLY':
      return ProjectionType.KEYS_ONLY;
    case 'INCLUDE':
      return ProjectionType.INCLUDE;
    default:
      return ProjectionType.ALL;
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`tableDefinition() is missing ${what}`);
  return value;
}
